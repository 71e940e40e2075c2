package dev.streamscribe.ingest.cli;

import dev.streamscribe.ingest.TestAudio;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TranscribeCommandTest {
    @Test
    void badFilesAreReportedOneLineEachAndTheOthersStillTranscribed(@TempDir Path dir) throws Exception {
        Path notAudio = Files.writeString(dir.resolve("notes.wav"), "not audio");
        String good = TestAudio.path(TestAudio.REPORT).toString();
        CliRun run = CliRun.of("transcribe", dir.resolve("missing.wav").toString(), notAudio.toString(), good);

        assertEquals(1, run.exitCode(), "some files failed");
        List<String> errors = run.stderr().lines().filter(l -> l.startsWith("asr transcribe: ")).toList();
        assertEquals(2, errors.size(), run.stderr());
        assertTrue(errors.get(0).contains("missing.wav: no such file"), errors.get(0));
        assertTrue(errors.get(1).contains("notes.wav"), errors.get(1));
        List<String> lines = run.stdout().lines().toList();
        assertEquals(1, lines.size(), run.stdout());
        assertTrue(lines.get(0).startsWith(good + "\t") && lines.get(0).length() > good.length() + 5, lines.get(0));
    }

    @Test
    void onlyMissingFilesFailBeforeTheModelLoads() {
        CliRun run = CliRun.of("transcribe", "no-such-1.wav", "no-such-2.wav");
        assertEquals(2, run.exitCode());
        assertEquals("asr transcribe: no-such-1.wav: no such file\nasr transcribe: no-such-2.wav: no such file",
                run.stderr().strip());
    }
}
