package dev.streamscribe.decoder.lm;

import static dev.streamscribe.decoder.lm.NgramTable.BITS;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Counts the n-grams of sentences and writes them as a backoff ARPA model smoothed with interpolated Kneser-Ney:
 * one discount per order, D = n1 / (n1 + 2 n2) from that order's count-of-counts (0.5 when either is 0); lower
 * orders count the distinct words seen before an n-gram rather than its occurrences, except at the sentence start;
 * unigrams are interpolated with a uniform distribution over the vocabulary, {@code </s>} and {@code <unk>}.
 * <p>
 * The probabilities written for the n-grams kept are the interpolated ones; an n-gram pruned by
 * {@link #minCount} falls back to its context's backoff weight times the lower order, the weight being chosen so
 * that every context's distribution still sums to 1.
 */
public final class NgramBuilder {
    private static final int START = 0;
    private static final int END = 1;
    private static final double NO_DISCOUNT_STATISTICS = 0.5;

    private final int order;
    private final Map<String, Integer> ids = new HashMap<>();
    private final List<String> words = new ArrayList<>();
    /** Per order-1; the index of a unigram is its word id. */
    private final NgramTable[] grams;
    private final int[][] counts;
    private final int[] minCounts;

    public NgramBuilder(int order) {
        if (order < 1 || order > NgramTable.MAX_ORDER) {
            throw new IllegalArgumentException("order must be 1.." + NgramTable.MAX_ORDER + ", got " + order);
        }
        this.order = order;
        grams = new NgramTable[order];
        counts = new int[order][];
        for (int n = 0; n < order; n++) {
            grams[n] = new NgramTable(1024);
            counts[n] = new int[1024];
        }
        minCounts = new int[order];
        id(ArpaModel.SENTENCE_START);
        id(ArpaModel.SENTENCE_END);
        id(ArpaModel.UNKNOWN);
    }

    /** Counts one sentence of space-separated words; sentences without words are ignored. */
    public NgramBuilder add(String sentence) {
        String[] parts = sentence.split(" ");
        int[] tokens = new int[parts.length + 2];
        int length = 0;
        tokens[length++] = START;
        for (String word : parts) {
            if (word.isEmpty()) continue;
            if (word.equals(ArpaModel.SENTENCE_START) || word.equals(ArpaModel.SENTENCE_END)) {
                throw new IllegalArgumentException("sentence markers are added by the builder: " + sentence);
            }
            tokens[length++] = id(word);
        }
        if (length == 1) return this;
        tokens[length++] = END;
        for (int i = 1; i < length; i++) {
            long key = 0;
            for (int n = 1; n <= order && i - n + 1 >= 0; n++) {
                key |= (long) tokens[i - n + 1] << BITS * (n - 1); // one more word of context, oldest in front
                int index = ngram(n, key); // first: it may grow counts[n - 1]
                counts[n - 1][index]++;
            }
        }
        return this;
    }

    /** Drops the n-grams of {@code ngramOrder} (2 or more) seen fewer than {@code count} times. */
    public NgramBuilder minCount(int ngramOrder, int count) {
        if (ngramOrder < 2 || ngramOrder > order) throw new IllegalArgumentException("can prune orders 2.." + order);
        if (count < 1) throw new IllegalArgumentException("count must be positive");
        minCounts[ngramOrder - 1] = count;
        return this;
    }

    public void writeArpa(Writer out) throws IOException {
        new Estimate().write(out);
    }

    private int id(String word) {
        Integer known = ids.get(word);
        if (known != null) return known;
        if (words.size() > NgramTable.MAX_ID) throw new IllegalStateException("more than " + NgramTable.MAX_ID + " words");
        int id = words.size();
        ids.put(word, id);
        words.add(word);
        ngram(1, id); // so that a unigram's index is its word id
        return id;
    }

    /** The n-gram's index, adding it with count 0 if new. */
    private int ngram(int n, long key) {
        int index = grams[n - 1].add(key);
        if (index == counts[n - 1].length) counts[n - 1] = Arrays.copyOf(counts[n - 1], index * 2);
        return index;
    }

    private static int word(long key, int n, int position) {
        return (int) (key >>> BITS * (n - 1 - position)) & NgramTable.MAX_ID;
    }

    /** The model of the counts so far, per order: probabilities, which n-grams are written, backoff weights. */
    private final class Estimate {
        private final double[][] prob = new double[order][];
        private final boolean[][] kept = new boolean[order][];
        private final double[][] backoff = new double[order][];

        Estimate() {
            int[][] adjusted = adjustedCounts();
            for (int n = 1; n <= order; n++) interpolate(n, adjusted[n - 1]);
            prune();
            for (int n = 2; n <= order; n++) computeBackoffs(n);
        }

        /**
         * Kneser-Ney: below the highest order an n-gram counts the distinct words seen before it, as it only
         * matters where the longer context was not seen; n-grams at the sentence start keep their counts because
         * nothing can precede them.
         */
        private int[][] adjustedCounts() {
            int[][] adjusted = new int[order][];
            adjusted[order - 1] = counts[order - 1];
            for (int n = order - 1; n >= 1; n--) {
                NgramTable lower = grams[n - 1];
                NgramTable higher = grams[n];
                int[] a = new int[lower.size()];
                for (int g = 0; g < higher.size(); g++) a[lower.find(NgramTable.suffix(higher.key(g), n))]++;
                for (int g = 0; g < lower.size(); g++) {
                    if (word(lower.key(g), n, 0) == START) a[g] = counts[n - 1][g];
                }
                adjusted[n - 1] = a;
            }
            return adjusted;
        }

        private void interpolate(int n, int[] a) {
            NgramTable table = grams[n - 1];
            double discount = discount(a, table.size());
            // per context (the n-gram without its last word): total count and number of distinct words
            NgramTable contexts = new NgramTable(table.size());
            int[] contextOf = new int[table.size()];
            double[] total = new double[table.size()];
            int[] types = new int[table.size()];
            for (int g = 0; g < table.size(); g++) {
                int c = contexts.add(table.key(g) >>> BITS);
                contextOf[g] = c;
                total[c] += a[g];
                if (a[g] > 0) types[c]++;
            }
            double uniform = 1.0 / (words.size() - 1); // every word but <s> can be predicted
            prob[n - 1] = new double[table.size()];
            for (int g = 0; g < table.size(); g++) {
                double lower = n == 1 ? uniform : prob[n - 2][grams[n - 2].find(NgramTable.suffix(table.key(g), n - 1))];
                int c = contextOf[g];
                prob[n - 1][g] = total[c] > 0
                        ? (Math.max(a[g] - discount, 0) + discount * types[c] * lower) / total[c]
                        : lower;
            }
            if (n == 1) prob[0][START] = 0;
        }

        private static double discount(int[] a, int size) {
            int n1 = 0;
            int n2 = 0;
            for (int g = 0; g < size; g++) {
                if (a[g] == 1) n1++;
                else if (a[g] == 2) n2++;
            }
            return n1 > 0 && n2 > 0 ? n1 / (n1 + 2.0 * n2) : NO_DISCOUNT_STATISTICS;
        }

        /** Keeps the n-grams seen often enough, and the contexts of kept ones, which hold their backoff weights. */
        private void prune() {
            for (int n = 0; n < order; n++) kept[n] = new boolean[grams[n].size()];
            Arrays.fill(kept[0], true);
            for (int n = order; n >= 2; n--) {
                NgramTable table = grams[n - 1];
                for (int g = 0; g < table.size(); g++) {
                    if (counts[n - 1][g] < minCounts[n - 1] && !kept[n - 1][g]) continue;
                    kept[n - 1][g] = true;
                    kept[n - 2][grams[n - 2].find(table.key(g) >>> BITS)] = true;
                }
            }
        }

        /** Weights of the contexts of order-n n-grams: what the kept n-grams leave, over what they take below. */
        private void computeBackoffs(int n) {
            NgramTable contexts = grams[n - 2];
            double[] keptMass = new double[contexts.size()];
            double[] lowerMass = new double[contexts.size()];
            NgramTable table = grams[n - 1];
            for (int g = 0; g < table.size(); g++) {
                if (!kept[n - 1][g]) continue;
                int c = contexts.find(table.key(g) >>> BITS);
                keptMass[c] += prob[n - 1][g];
                lowerMass[c] += backoffProb(n - 1, NgramTable.suffix(table.key(g), n - 1));
            }
            backoff[n - 2] = new double[contexts.size()];
            for (int c = 0; c < contexts.size(); c++) {
                backoff[n - 2][c] = keptMass[c] > 0 ? (1 - keptMass[c]) / (1 - lowerMass[c]) : 1;
            }
        }

        /** The probability the written model gives the n-gram: its own if kept, else backed off. */
        private double backoffProb(int n, long key) {
            if (n == 1) return prob[0][(int) key];
            int g = grams[n - 1].find(key);
            if (g >= 0 && kept[n - 1][g]) return prob[n - 1][g];
            int c = grams[n - 2].find(key >>> BITS);
            return (c >= 0 ? backoff[n - 2][c] : 1) * backoffProb(n - 1, NgramTable.suffix(key, n - 1));
        }

        void write(Writer writer) throws IOException {
            BufferedWriter out = new BufferedWriter(writer, 1 << 16);
            out.write("\\data\\\n");
            for (int n = 1; n <= order; n++) {
                int count = 0;
                for (boolean k : kept[n - 1]) if (k) count++;
                out.write("ngram " + n + "=" + count + "\n");
            }
            for (int n = 1; n <= order; n++) {
                out.write("\n\\" + n + "-grams:\n");
                NgramTable table = grams[n - 1];
                for (int g = 0; g < table.size(); g++) {
                    if (!kept[n - 1][g]) continue;
                    out.write(log10(prob[n - 1][g]));
                    out.write('\t');
                    for (int i = 0; i < n; i++) {
                        if (i > 0) out.write(' ');
                        out.write(words.get(word(table.key(g), n, i)));
                    }
                    if (n < order) {
                        out.write('\t');
                        out.write(log10(backoff[n - 1][g]));
                    }
                    out.write('\n');
                }
            }
            out.write("\n\\end\\\n");
            out.flush();
        }

        /** ARPA's log10, with its conventional -99 for probability 0 (the sentence start). */
        private static String log10(double p) {
            return String.format(Locale.ROOT, "%.6f", p > 0 ? Math.log10(p) : -99);
        }
    }
}
