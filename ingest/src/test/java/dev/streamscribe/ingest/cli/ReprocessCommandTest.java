package dev.streamscribe.ingest.cli;

import dev.streamscribe.ingest.TestAudio;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReprocessCommandTest {
    @TempDir
    Path dir;

    private CliRun reprocess(Path input, Path out) {
        return CliRun.of("reprocess", input.toString(), "--out", out.toString(), "--lm", "none", "--threads", "1", "--jobs", "2");
    }

    @Test
    void exitCodeIsOneWhileAFileHasFailedAndZeroWhenEveryFileIsGood() throws Exception {
        Path archive = Files.createDirectories(dir.resolve("archive"));
        Files.copy(TestAudio.path(TestAudio.REPORT), archive.resolve("report.wav"));
        Files.copy(TestAudio.path("report.flac"), archive.resolve("report.flac"));
        byte[] wav = Files.readAllBytes(TestAudio.path(TestAudio.REPORT));
        Files.write(archive.resolve("cut.wav"), Arrays.copyOf(wav, 1000));

        CliRun first = reprocess(archive, dir.resolve("out.jsonl"));
        assertEquals(1, first.exitCode(), first.stderr());
        assertEquals(3, Files.readAllLines(dir.resolve("out.jsonl")).size());
        assertTrue(first.stderr().contains("reprocess: 3 files: 3 processed (1 failed), 0 done earlier (0 failed); 0:00:05 of audio in"), first.stderr());

        CliRun rerun = reprocess(archive, dir.resolve("out.jsonl"));
        assertEquals(1, rerun.exitCode(), "the recorded failure still stands");
        assertTrue(rerun.stderr().contains("3 files: 0 processed (0 failed), 3 done earlier (1 failed)"), rerun.stderr());

        Path list = Files.writeString(dir.resolve("good.txt"), "archive/report.wav\narchive/report.flac\n");
        CliRun good = reprocess(list, dir.resolve("good.jsonl"));
        assertEquals(0, good.exitCode(), good.stderr());
        assertEquals(2, Files.readAllLines(dir.resolve("good.jsonl")).size());
        assertEquals("", good.stdout());
    }

    @Test
    void missingOutputOrInputIsAUsageError() {
        CliRun noOut = CliRun.of("reprocess", dir.toString());
        assertEquals(2, noOut.exitCode());
        assertEquals("asr reprocess: say where the results go: --out FILE.jsonl (or --to-topic to publish)\n", noOut.stderr());
        assertEquals(2, CliRun.of("reprocess", "--out", "x.jsonl").exitCode());
        assertEquals(2, CliRun.of("reprocess", dir.toString(), "--out", "x.jsonl", "--jobs", "0").exitCode());
        CliRun missing = CliRun.of("reprocess", dir.resolve("nope").toString(), "--out", "x.jsonl");
        assertEquals("asr reprocess: " + dir.resolve("nope") + ": no such folder or list file\n", missing.stderr());
    }
}
