package dev.streamscribe.features.audio;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class G711Test {

    /** The JDK's own G.711 converters are an independent reference for all 256 codes. */
    @Test
    void everyCodeDecodesAsTheJdkDecodesIt() throws Exception {
        byte[] codes = new byte[256];
        for (int i = 0; i < 256; i++) codes[i] = (byte) i;
        assertSameAsJdk(PcmFormat.MULAW, AudioFormat.Encoding.ULAW, codes);
        assertSameAsJdk(PcmFormat.ALAW, AudioFormat.Encoding.ALAW, codes);
    }

    private static void assertSameAsJdk(PcmFormat format, AudioFormat.Encoding encoding, byte[] codes) throws Exception {
        AudioFormat companded = new AudioFormat(encoding, 8000, 8, 1, 1, 8000, false);
        AudioFormat linear = new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, 8000, 16, 1, 2, 8000, false);
        byte[] pcm;
        try (AudioInputStream in = AudioSystem.getAudioInputStream(linear,
                new AudioInputStream(new ByteArrayInputStream(codes), companded, codes.length))) {
            pcm = in.readAllBytes();
        }
        float[] ours = format.decode(codes, 0, codes.length, 1);
        float[] jdk = PcmFormat.S16LE.decode(pcm, 0, pcm.length, 1);
        for (int i = 0; i < 256; i++) assertEquals(jdk[i], ours[i], 0f, format.header() + " code " + i);
    }

    /** Telephone recordings come as 8-bit mu-law or a-law WAV files (format tags 7 and 6), as sox writes them. */
    @Test
    void soxCompandedWavsDecodeToTheirSource(@TempDir Path dir) throws Exception {
        assumeTrue(new ProcessBuilder("sox", "--version").start().waitFor() == 0, "sox is not installed");
        Path source = dir.resolve("source.wav");
        try (InputStream in = G711Test.class.getResourceAsStream("/audio/stereo-24bit.wav")) {
            Files.write(source, in.readAllBytes());
        }
        float[] reference = AudioFiles.read(source).samples();
        for (String encoding : new String[] {"u-law", "a-law"}) {
            Path wav = dir.resolve(encoding + ".wav");
            assertEquals(0, new ProcessBuilder("sox", source.toString(), "-e", encoding, "-b", "8", wav.toString())
                    .inheritIO().start().waitFor());
            Audio decoded = AudioFiles.read(wav);
            assertEquals(8000, decoded.sampleRate());
            assertEquals(reference.length, decoded.samples().length);
            double error = 0, signal = 0;
            for (int i = 0; i < reference.length; i++) {
                error += Math.pow(decoded.samples()[i] - reference[i], 2);
                signal += Math.pow(reference[i], 2);
            }
            // G.711 keeps about 38 dB of signal to quantisation noise; a wrong table or sign is far below
            double snrDb = 10 * Math.log10(signal / error);
            assertTrue(snrDb > 30, encoding + ": " + snrDb + " dB");
        }
    }
}
