package dev.streamscribe.acoustic.corpus;

import dev.streamscribe.features.audio.Audio;
import dev.streamscribe.features.audio.WavReader;
import dev.streamscribe.features.audio.WavWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The folder from a tree laid out like Debian's pocketsphinx-testdata, with one recording of each kind. */
class PocketsphinxTestSetTest {
    @Test
    void writesEachRecordingAsWavWithItsReference(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("data");
        Files.createDirectories(data.resolve("cards"));
        Files.createDirectories(data.resolve("librivox"));
        Files.createDirectories(data.resolve("tidigits"));
        Audio tone = new Audio(new float[] {0.5f, -0.25f, 0f, 0.125f}, 16000);
        WavWriter.write(tone, data.resolve("cards/001.wav"));
        WavWriter.write(tone, data.resolve("librivox/book-0870.wav"));
        Files.writeString(data.resolve("cards/cards.transcription"), "<s> ten of clubs  </s> (001)\n");
        Files.writeString(data.resolve("librivox/transcription"), "<s> he was not an ill disposed young man </s> (book-0870)\n");
        byte[] raw = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putShort((short) 16384).putShort((short) -8192)
                .putShort((short) 0).putShort((short) 4096).array();
        Files.write(data.resolve("goforward.raw"), raw);
        Files.write(data.resolve("tidigits/dhd.2934z.raw"), raw);

        Path out = tmp.resolve("out");
        PocketsphinxTestSet.write(data, out, System.out);

        assertEquals(List.of("001.wav\tten of clubs", "book-0870.wav\the was not an ill disposed young man",
                "goforward.wav\tgo forward ten meters", "dhd.2934z.wav\ttwo nine three four zero"),
                Files.readAllLines(out.resolve("refs.tsv")));
        for (String name : List.of("001.wav", "goforward.wav", "dhd.2934z.wav")) {
            Audio a = WavReader.read(out.resolve(name));
            assertEquals(16000, a.sampleRate(), name);
            assertEquals(0.5f, a.samples()[0], 1e-4, name);
            assertEquals(0.125f, a.samples()[3], 1e-4, name);
        }
    }
}
