package dev.streamscribe.decoder.lm;

import java.util.List;

/**
 * A word language model. Probabilities are natural logs; {@code history} holds the preceding words of the
 * sentence, oldest first (the sentence start is implied before them); only the last {@code order() - 1} matter.
 */
public interface LanguageModel {
    int order();

    double logProb(List<String> history, String word);

    /** The log-probability that the sentence ends after {@code history}. */
    double endLogProb(List<String> history);

    boolean contains(String word);

    /** The node of the empty word in the vocabulary's prefix trie (see {@link #extendPrefix}). */
    int EMPTY_PREFIX = 0;

    /**
     * The vocabulary's words as a trie of letters, for a decoder that weighs a word while it is still being spelled:
     * the node of prefix {@code prefix} followed by {@code letter}, or -1 when no word of the vocabulary starts so.
     * A decoder keeps a node per hypothesis and moves it one letter at a time, with no string built or hashed.
     */
    int extendPrefix(int prefix, char letter);

    /** The best unigram log-probability among the vocabulary's words that start with the prefix at this node. */
    double prefixLogProb(int prefix);

    /** As {@link #prefixLogProb(int)} for a prefix given as text; negative infinity when no word starts so. */
    default double prefixLogProb(String prefix) {
        int node = EMPTY_PREFIX;
        for (int i = 0; i < prefix.length() && node >= 0; i++) node = extendPrefix(node, prefix.charAt(i));
        return node >= 0 ? prefixLogProb(node) : Double.NEGATIVE_INFINITY;
    }

    default boolean isWordPrefix(String prefix) {
        return prefixLogProb(prefix) > Double.NEGATIVE_INFINITY;
    }
}
