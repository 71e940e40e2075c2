package dev.streamscribe.decoder;

import dev.streamscribe.decoder.lm.LanguageModel;
import java.util.List;
import java.util.Map;

/** The score a completed word adds to its hypothesis: weighted LM log-probability plus word bonus, and hot words. */
final class WordScorer {
    private final LanguageModel lm;
    private final double lmWeight;
    private final double wordBonus;
    private final Map<String, Double> hotWords;

    WordScorer(DecoderConfig config, LanguageModel lm) {
        this.lm = lm;
        this.lmWeight = config.lmWeight();
        this.wordBonus = config.wordBonus();
        this.hotWords = config.hotWords();
    }

    /** False when every word scores 0, so callers can skip building the words. */
    boolean scoresWords() {
        return lm != null || !hotWords.isEmpty();
    }

    /** How many preceding words {@link #word} and {@link #sentenceEnd} look at. */
    int historyLength() {
        return lm == null ? 0 : lm.order() - 1;
    }

    /** Score of the last of {@code words}, the ones before it being its history. */
    double word(List<String> words) {
        String word = words.get(words.size() - 1);
        double score = hotWords.getOrDefault(word, 0.0);
        if (lm != null) score += lmWeight * lm.logProb(words.subList(0, words.size() - 1), word) + wordBonus;
        return score;
    }

    double sentenceEnd(List<String> history) {
        return lm == null ? 0 : lmWeight * lm.endLogProb(history);
    }
}
