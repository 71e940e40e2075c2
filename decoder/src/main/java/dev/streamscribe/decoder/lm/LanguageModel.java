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

    /** Whether some word of the vocabulary starts with {@code prefix}: lets a decoder see a word leave it as it is spelled. */
    boolean isWordPrefix(String prefix);
}
