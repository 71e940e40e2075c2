package dev.streamscribe.decoder.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NgramBuilderTest {
    private static final List<String> CORPUS = List.of(
            "the cat sat on the mat", "the cat ate the fish", "a dog sat on the cat", "the dog ate",
            "a cat and a dog", "the fish sat", "on the mat sat the dog", "the cat sat");
    private static final List<List<String>> HISTORIES = List.of(
            List.of(), List.of("the"), List.of("the", "cat"), List.of("a", "dog"), List.of("on", "the"),
            List.of("unseen", "words"), List.of("cat", "zebra"), List.of("sat", "on", "the"));

    @Test
    void unigramsAreDiscountedAndInterpolatedWithUniform() throws IOException {
        // counts a 2, b 1, </s> 1: D = n1 / (n1 + 2 n2) = 2 / 4; the uniform share goes to a, b, </s> and <unk>
        ArpaModel model = build(new NgramBuilder(1).add("a a b"));

        double uniform = 0.5 * 3 / 4 / 4;
        assertProb((2 - 0.5) / 4 + uniform, model.logProb(List.of(), "a"));
        assertProb((1 - 0.5) / 4 + uniform, model.logProb(List.of(), "b"));
        assertProb((1 - 0.5) / 4 + uniform, model.endLogProb(List.of()));
        assertProb(uniform, model.logProb(List.of(), "never"));
    }

    @Test
    void bigramsFollowKneserNeyByHand() throws IOException {
        ArpaModel model = build(new NgramBuilder(2).add("a b").add("a b").add("b"));

        // unigrams count distinct predecessors: a {<s>} 1, b {<s>, a} 2, </s> {b} 1; D1 = 2 / (2 + 2)
        double uniform = 0.5 * 3 / 4 / 4;
        double pa = 0.5 / 4 + uniform;
        double pb = 1.5 / 4 + uniform;
        double pEnd = 0.5 / 4 + uniform;
        // bigram counts <s> a 2, a b 2, b </s> 3, <s> b 1: D2 = 1 / (1 + 2 * 2); after <s>: 3 seen, 2 kinds
        double d2 = 0.2;
        double fromStart = d2 * 2 / 3;
        assertProb((2 - d2) / 3 + fromStart * pa, model.logProb(List.of(), "a"));
        assertProb((1 - d2) / 3 + fromStart * pb, model.logProb(List.of(), "b"));
        assertProb(fromStart * pEnd, model.endLogProb(List.of()));
        assertProb((3 - d2) / 3 + d2 / 3 * pEnd, model.endLogProb(List.of("b")));
    }

    @Test
    void everyHistoryGivesADistribution() throws IOException {
        NgramBuilder builder = new NgramBuilder(3);
        CORPUS.forEach(builder::add);
        String arpa = arpa(builder);
        ArpaModel model = ArpaModel.read(new StringReader(arpa));

        assertSumsToOne(model);
        assertTrue(arpa.contains("-99.000000\t<s>\t"), "the sentence start has no probability but a backoff");
        assertTrue(model.logProb(List.of("the"), "cat") > model.logProb(List.of("the"), "fish"));
    }

    @Test
    void countsSurviveTheTablesGrowing() throws IOException {
        NgramBuilder builder = new NgramBuilder(3);
        for (int i = 0; i < 3000; i++) builder.add("w" + i + " w" + (i + 1) + " w" + (i + 2));
        builder.add("w0 w1 w2");
        ArpaModel model = ArpaModel.read(new StringReader(arpa(builder)));

        assertTrue(model.logProb(List.of("w0", "w1"), "w2") > model.logProb(List.of("w2999", "w3000"), "w3001"),
                "the trigram seen twice beats one seen once");
    }

    @Test
    void pruningDropsRareNgramsAndKeepsTheDistributions() throws IOException {
        NgramBuilder full = new NgramBuilder(3);
        NgramBuilder pruned = new NgramBuilder(3).minCount(2, 2).minCount(3, 2);
        CORPUS.forEach(full::add);
        CORPUS.forEach(pruned::add);
        String prunedArpa = arpa(pruned);

        assertTrue(count(prunedArpa, 3) < count(arpa(full), 3));
        assertTrue(count(prunedArpa, 2) < count(arpa(full), 2));
        assertSumsToOne(ArpaModel.read(new StringReader(prunedArpa)));
    }

    private static void assertSumsToOne(ArpaModel model) {
        Set<String> vocabulary = new LinkedHashSet<>(List.of("<unk>"));
        CORPUS.forEach(s -> vocabulary.addAll(List.of(s.split(" "))));
        for (List<String> history : HISTORIES) {
            double sum = Math.exp(model.endLogProb(history));
            for (String word : vocabulary) sum += Math.exp(model.logProb(history, word));
            assertEquals(1, sum, 1e-4, "after " + history);
        }
    }

    private static int count(String arpa, int order) {
        String prefix = "ngram " + order + "=";
        int from = arpa.indexOf(prefix) + prefix.length();
        return Integer.parseInt(arpa.substring(from, arpa.indexOf('\n', from)));
    }

    private static ArpaModel build(NgramBuilder builder) throws IOException {
        return ArpaModel.read(new StringReader(arpa(builder)));
    }

    private static String arpa(NgramBuilder builder) throws IOException {
        StringWriter out = new StringWriter();
        builder.writeArpa(out);
        return out.toString();
    }

    private static void assertProb(double expected, double logProb) {
        assertEquals(expected, Math.exp(logProb), 1e-5 * expected);
    }
}
