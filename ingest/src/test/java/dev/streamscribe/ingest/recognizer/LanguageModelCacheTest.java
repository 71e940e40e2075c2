package dev.streamscribe.ingest.recognizer;

import dev.streamscribe.decoder.lm.ArpaModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class LanguageModelCacheTest {
    private static final String ARPA = """
            \\data\\
            ngram 1=4
            ngram 2=2

            \\1-grams:
            -99\t<s>\t-0.5
            -0.7\t</s>
            -0.6\tred\t-0.3
            -0.8\tcar\t-0.2

            \\2-grams:
            -0.3\t<s> red
            -0.2\tred car
            \\end\\
            """;

    @Test
    void aSecondLoadComesFromTheBinaryCopyAndADamagedCopyIsParsedAgain(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(ARPA.getBytes(StandardCharsets.UTF_8));
        }
        LanguageModelCache cache = new LanguageModelCache(dir);
        ArpaModel parsed = cache.load(gz.toByteArray(), "tiny.arpa.gz");
        List<Path> copies;
        try (var files = Files.list(dir)) {
            copies = files.toList();
        }
        assertEquals(1, copies.size(), "one binary copy, named by the ARPA bytes' hash");
        long written = Files.getLastModifiedTime(copies.get(0)).toMillis();

        ArpaModel cached = cache.load(gz.toByteArray(), "tiny.arpa.gz");
        assertEquals(parsed.logProb(List.of("red"), "car"), cached.logProb(List.of("red"), "car"), 0.0);
        assertEquals(parsed.logProb(List.of("car"), "red"), cached.logProb(List.of("car"), "red"), 0.0);
        assertEquals(written, Files.getLastModifiedTime(copies.get(0)).toMillis(), "read, not written again");

        Files.write(copies.get(0), new byte[] {1, 2, 3});
        ArpaModel reparsed = cache.load(gz.toByteArray(), "tiny.arpa.gz");
        assertEquals(parsed.logProb(List.of("red"), "car"), reparsed.logProb(List.of("red"), "car"), 0.0);
        assertNotEquals(3, Files.size(copies.get(0)), "the damaged copy is replaced");
        assertEquals(parsed.logProb(List.of(), "car"), cache.load(ARPA.getBytes(StandardCharsets.UTF_8), "tiny.arpa").logProb(List.of(), "car"),
                0.0, "plain text too");
    }
}
