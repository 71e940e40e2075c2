package dev.streamscribe.features.audio;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class AudioFilesTest {
    /** The fixtures: one 0.4 s two-tone signal, 24-bit stereo at 8 kHz, written by sox as WAV and as FLAC. */
    private static byte[] fixture(String name) throws Exception {
        try (InputStream in = AudioFilesTest.class.getResourceAsStream("/audio/" + name)) {
            return in.readAllBytes();
        }
    }

    private static void assertSameAudio(Audio expected, Audio actual) {
        assertEquals(expected.sampleRate(), actual.sampleRate());
        assertEquals(expected.samples().length, actual.samples().length);
        for (int i = 0; i < expected.samples().length; i++) assertEquals(expected.samples()[i], actual.samples()[i], 1e-6, "sample " + i);
    }

    @Test
    void flacDecodesToTheSamplesOfTheWavItWasMadeFrom() throws Exception {
        Audio wav = AudioFiles.decode(fixture("stereo-24bit.wav"), "stereo-24bit.wav");
        Audio flac = AudioFiles.decode(fixture("stereo-24bit.flac"), "stereo-24bit.flac");
        assertEquals(3200, wav.samples().length);
        assertSameAudio(wav, flac);
    }

    @Test
    void everyFlacDepthSoxWritesDecodes(@TempDir Path dir) throws Exception {
        assumeTrue(new ProcessBuilder("sox", "--version").start().waitFor() == 0, "sox is not installed");
        for (String bits : new String[] {"8", "16", "24"}) {
            Path wav = dir.resolve(bits + ".wav");
            Path flac = dir.resolve(bits + ".flac");
            Files.write(wav, fixture("stereo-24bit.wav"));
            Path narrowed = dir.resolve(bits + "-narrow.wav");
            assertEquals(0, new ProcessBuilder("sox", wav.toString(), "-b", bits, narrowed.toString()).start().waitFor());
            assertEquals(0, new ProcessBuilder("sox", narrowed.toString(), flac.toString()).start().waitFor());
            assertSameAudio(AudioFiles.read(narrowed), AudioFiles.read(flac));
        }
    }

    @Test
    void aCutOrDamagedFlacIsAnErrorNotAShorterRecording() throws Exception {
        byte[] flac = fixture("stereo-24bit.flac");
        AudioFormatException cut = assertThrows(AudioFormatException.class,
                () -> AudioFiles.decode(Arrays.copyOf(flac, flac.length / 2), "cut.flac"));
        assertTrue(cut.getMessage().startsWith("cut.flac: truncated FLAC (decoded 0 of 3200 samples)"), cut.getMessage());
        byte[] damaged = flac.clone();
        for (int i = damaged.length / 2; i < damaged.length / 2 + 64; i++) damaged[i] ^= 0x5a;
        AudioFormatException bad = assertThrows(AudioFormatException.class, () -> AudioFiles.decode(damaged, "bad.flac"));
        assertTrue(bad.getMessage().startsWith("bad.flac: corrupt FLAC (decoded 0 of 3200 samples; "), bad.getMessage());
    }

    @Test
    void otherFormatsAreNamedInTheError(@TempDir Path dir) throws Exception {
        assertError("song.mp3", "ID3\u0004\0\0\0\0\0\0".getBytes(), "song.mp3: no MP3 frames");
        assertError("clip.ogg", "OggS\0\u0002\0\0".getBytes(), "clip.ogg: Ogg without packets");
        assertError("clip.aac", new byte[] {(byte) 0xff, (byte) 0xf1, 0x50, (byte) 0x80}, "clip.aac: unsupported format: AAC (ADTS)");
        assertError("notes.wav", "hello, this is not audio\n".getBytes(), "notes.wav: unsupported format: text, not audio");
        assertError("blob.wav", new byte[] {0, 1, 2, 3, 4, 5, 6, 7}, "blob.wav: unsupported format: unknown (first bytes 00 01 02 03)");
        assertError("empty.flac", new byte[0], "empty.flac: empty file");
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> AudioFiles.read(dir.resolve("gone.flac")));
        assertTrue(e.getMessage().endsWith("gone.flac: no such file"), e.getMessage());
    }

    private static void assertError(String name, byte[] bytes, String expectedStart) {
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> AudioFiles.decode(bytes, name));
        assertTrue(e.getMessage().startsWith(expectedStart), e.getMessage());
    }
}
