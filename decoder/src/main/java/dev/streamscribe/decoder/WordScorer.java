package dev.streamscribe.decoder;

import dev.streamscribe.decoder.lm.LanguageModel;
import java.util.List;
import java.util.Map;

/** The score a completed word adds to its hypothesis: weighted LM log-probability plus word bonus, and hot words. */
final class WordScorer {
    private final LanguageModel lm;
    private final double lmWeight;
    private final double wordBonus;
    private final double oovPenalty;
    private final Map<String, Double> hotWords;

    WordScorer(DecoderConfig config, LanguageModel lm) {
        this.lm = lm;
        this.lmWeight = config.lmWeight();
        this.wordBonus = config.wordBonus();
        this.oovPenalty = config.oovPenalty();
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
        if (lm == null) return score;
        score += lmWeight * lm.logProb(words.subList(0, words.size() - 1), word) + wordBonus;
        // an unknown word spelt entirely within the vocabulary's prefixes ("smol") has not paid the penalty yet
        if (!lm.contains(word) && lm.isWordPrefix(word)) score -= oovPenalty;
        return score;
    }

    /** Score of spelling {@code open} on with one more letter: the OOV penalty when that leaves the vocabulary. */
    double spelling(String open, char letter) {
        if (lm == null || oovPenalty == 0) return 0;
        String next = open + letter;
        return !lm.isWordPrefix(next) && (open.isEmpty() || lm.isWordPrefix(open)) ? -oovPenalty : 0;
    }

    double sentenceEnd(List<String> history) {
        return lm == null ? 0 : lmWeight * lm.endLogProb(history);
    }
}
