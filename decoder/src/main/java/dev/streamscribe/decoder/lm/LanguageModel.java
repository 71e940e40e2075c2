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

    /**
     * The best unigram log-probability among the vocabulary's words that start with {@code prefix}, or negative
     * infinity when none does: lets a decoder weigh a word while it is still being spelled, and see it leave the
     * vocabulary.
     */
    double prefixLogProb(String prefix);

    default boolean isWordPrefix(String prefix) {
        return prefixLogProb(prefix) > Double.NEGATIVE_INFINITY;
    }
}
