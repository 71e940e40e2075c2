package dev.streamscribe.decoder.lm;

import java.util.Arrays;
import java.util.Map;

/**
 * Words as a trie of letters, each node holding the best log-probability of the words below it. Nodes are numbered
 * breadth first, so the children of a node are consecutive and sorted by letter: finding one is a short scan of
 * adjacent letters, with no hashing and no pointer chasing. About 10 bytes per node, a few MB for a vocabulary of
 * some 50,000 words.
 */
final class PrefixTree {
    private static final int NONE = -1;

    /** The children of node k are the nodes childStart[k] to childStart[k + 1] - 1. */
    private final int[] childStart;
    private final char[] letter;
    private final float[] best;

    private PrefixTree(int[] childStart, char[] letter, float[] best) {
        this.childStart = childStart;
        this.letter = letter;
        this.best = best;
    }

    /** The tree of these words and log-probabilities; node 0 is the empty prefix. */
    static PrefixTree of(Map<String, Float> logProbs) {
        String[] words = logProbs.keySet().toArray(String[]::new);
        Arrays.sort(words);
        int capacity = 1;
        for (String w : words) capacity += w.length();
        // node k stands for the prefix of length depth[k] shared by words[from[k]] to words[to[k] - 1]
        int[] from = new int[capacity];
        int[] to = new int[capacity];
        int[] depth = new int[capacity];
        int[] childStart = new int[capacity + 1];
        char[] letter = new char[capacity];
        float[] best = new float[capacity];
        to[0] = words.length;
        int size = 1;
        for (int k = 0; k < size; k++) {
            childStart[k] = size;
            best[k] = Float.NEGATIVE_INFINITY;
            for (int i = from[k]; i < to[k]; i++) best[k] = Math.max(best[k], logProbs.get(words[i]));
            int d = depth[k];
            int i = from[k];
            while (i < to[k] && words[i].length() == d) i++; // the word that is the prefix itself sorts first
            while (i < to[k]) {
                char c = words[i].charAt(d);
                int j = i;
                while (j < to[k] && words[j].charAt(d) == c) j++;
                letter[size] = c;
                from[size] = i;
                to[size] = j;
                depth[size] = d + 1;
                size++;
                i = j;
            }
        }
        childStart[size] = size;
        return new PrefixTree(Arrays.copyOf(childStart, size + 1), Arrays.copyOf(letter, size), Arrays.copyOf(best, size));
    }

    /** The node for one more letter, or -1 when no word starts so. */
    int child(int node, char c) {
        for (int n = childStart[node], end = childStart[node + 1]; n < end && letter[n] <= c; n++) {
            if (letter[n] == c) return n;
        }
        return NONE;
    }

    float best(int node) {
        return best[node];
    }
}
