package dev.streamscribe.acoustic.corpus.recorded;

import dev.streamscribe.features.audio.Audio;
import dev.streamscribe.features.audio.WavWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Test clips encoded as the games ship theirs: 11,025 Hz, in the format named by {@code extension}. */
final class GameClips {
    private GameClips() {}

    static byte[] encode(Audio audio, String extension, Path dir) throws IOException, InterruptedException {
        Path wav = Files.createTempFile(dir, "clip", ".wav");
        Path out = Files.createTempFile(dir, "clip", "." + extension);
        WavWriter.write(audio, wav);
        Process p = new ProcessBuilder("sox", "-q", wav.toString(), "-r", "11025", out.toString()).inheritIO().start();
        assertEquals(0, p.waitFor(), "sox writes " + extension);
        return Files.readAllBytes(out);
    }
}
