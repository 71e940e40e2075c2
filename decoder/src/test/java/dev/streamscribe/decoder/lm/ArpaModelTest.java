package dev.streamscribe.decoder.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArpaModelTest {
    private static final double LN_10 = Math.log(10);
    private static final String TINY = """
            Some preamble a tool may write.

            \\data\\
            ngram 1=5
            ngram 2=3
            ngram 3=1

            \\1-grams:
            -1.0\t<unk>
            -99\t<s>\t-0.5
            -0.7\t</s>
            -0.6\ta\t-0.3
            -0.8\tb\t-0.2

            \\2-grams:
            -0.3\t<s> a\t-0.1
            -0.4\ta b
            -0.5\tb </s>

            \\3-grams:
            -0.2\t<s> a b
            \\end\\
            """;

    @Test
    void theBinaryFormScoresExactlyAsTheTextItWasReadFrom() throws IOException {
        ArpaModel text = ArpaModel.read(new StringReader(TINY));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        text.writeBinary(bytes);
        ArpaModel binary = ArpaModel.readBinary(new ByteArrayInputStream(bytes.toByteArray()));
        for (List<String> history : List.of(List.<String>of(), List.of("a"), List.of("<s>", "a"), List.of("b", "a"), List.of("zz"))) {
            for (String w : List.of("a", "b", "zz")) assertEquals(text.logProb(history, w), binary.logProb(history, w), 0.0, history + " " + w);
            assertEquals(text.endLogProb(history), binary.endLogProb(history), 0.0);
        }
        assertEquals(text.prefixLogProb(text.extendPrefix(LanguageModel.EMPTY_PREFIX, 'a')),
                binary.prefixLogProb(binary.extendPrefix(LanguageModel.EMPTY_PREFIX, 'a')), 0.0);
        byte[] cut = Arrays.copyOf(bytes.toByteArray(), bytes.size() - 3);
        assertThrows(IOException.class, () -> ArpaModel.readBinary(new ByteArrayInputStream(cut)));
        assertThrows(IOException.class, () -> ArpaModel.readBinary(new ByteArrayInputStream(TINY.getBytes())));
    }

    @Test
    void evaluatesBackoffLikeTheArpaFormatSays() throws IOException {
        ArpaModel model = ArpaModel.read(new StringReader(TINY));

        assertEquals(3, model.order());
        assertLog10(-0.3, model.logProb(List.of(), "a")); // <s> a
        assertLog10(-0.2, model.logProb(List.of("a"), "b")); // <s> a b
        assertLog10(-0.2 - 0.6, model.logProb(List.of("b"), "a")); // no "<s> b" context: bo(b) + p(a)
        assertLog10(-0.1 - 0.3 - 0.6, model.logProb(List.of("a"), "a")); // bo(<s> a) + bo(a) + p(a)
        assertLog10(-0.4, model.logProb(List.of("unknown", "a"), "b")); // only the last two words matter
        assertLog10(0 - 0.2 - 1.0, model.logProb(List.of("a", "b"), "zzz")); // bo(a b) is 0, bo(b), p(<unk>)
        assertLog10(-0.5, model.endLogProb(List.of("b")));
        assertLog10(-0.5 - 0.7, model.endLogProb(List.of())); // bo(<s>) + p(</s>)
    }

    @Test
    void prefixLogProbIsTheBestUnigramOfTheWordsThePrefixCanBecome() throws IOException {
        ArpaModel model = ArpaModel.read(new StringReader("""
                \\data\\
                ngram 1=7

                \\1-grams:
                -99\t<s>
                -1.0\t</s>
                -2.0\tcat
                -1.5\tcar
                -3.0\tcart
                -0.9\tdog
                -2.5\tdo
                \\end\\
                """));

        assertLog10(-1.5, model.prefixLogProb("ca"));
        assertLog10(-1.5, model.prefixLogProb("car"));
        assertLog10(-3.0, model.prefixLogProb("cart"));
        assertLog10(-0.9, model.prefixLogProb("do"));
        assertLog10(-0.9, model.prefixLogProb(""));
        assertEquals(Double.NEGATIVE_INFINITY, model.prefixLogProb("cb"));
        assertEquals(Double.NEGATIVE_INFINITY, model.prefixLogProb("dogs"));
        assertTrue(model.isWordPrefix("c"));
        assertTrue(!model.isWordPrefix("e"));
    }

    @Test
    void unknownWordWithoutUnkGetsLog10MinusSeven() throws IOException {
        ArpaModel model = ArpaModel.read(new StringReader("""
                \\data\\
                ngram 1=3
                ngram 2=1
                \\1-grams:
                -99 <s> -0.25
                -0.5 </s>
                -0.2 a -0.4
                \\2-grams:
                -0.1 <s> a
                \\end\\
                """));

        assertLog10(-0.4 - 7, model.logProb(List.of("a"), "nope"));
        assertLog10(-0.25 - 7, model.logProb(List.of(), "nope")); // bo(<s>)
        assertLog10(-7, model.logProb(List.of("nope"), "nope")); // an unknown context has no backoff
    }

    @Test
    void loadsPlainAndGzippedFiles(@TempDir Path dir) throws IOException {
        Path plain = Files.writeString(dir.resolve("tiny.arpa"), TINY);
        Path gzipped = dir.resolve("tiny.arpa.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzipped))) {
            out.write(TINY.getBytes(StandardCharsets.UTF_8));
        }

        for (Path file : List.of(plain, gzipped)) {
            ArpaModel model = ArpaModel.load(file);
            assertLog10(-0.1 - 0.3 - 0.6, model.logProb(List.of("a"), "a"));
        }
    }

    @Test
    void malformedInputNamesTheFileAndLine(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("bad.arpa"), TINY.replace("-0.4\ta b", "-0.4\ta q"));
        IOException unknownWord = assertThrows(IOException.class, () -> ArpaModel.load(file));
        assertTrue(unknownWord.getMessage().startsWith(file + ":17: "), unknownWord.getMessage());

        String[] broken = {
            TINY.replace("-0.8\tb\t-0.2", "-0.8"), // no word
            TINY.replace("-0.5\tb </s>", "x\tb </s>"), // not a number
            TINY.replace("ngram 2=3", "ngram 2=4"), // fewer than declared
            TINY.replace("\\end\\", ""), // cut short
            TINY.replace("\\data\\", "\\dada\\"),
            TINY.replace("ngram 3=1", "ngram 3=1\nngram 4=1"), // order 4
        };
        for (String text : broken) {
            assertThrows(IOException.class, () -> ArpaModel.read(new StringReader(text)), text);
        }
    }

    private static void assertLog10(double expectedLog10, double actualLn) {
        assertEquals(expectedLog10 * LN_10, actualLn, 1e-6);
    }
}
