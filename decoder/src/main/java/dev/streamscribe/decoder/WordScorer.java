package dev.streamscribe.decoder;

import dev.streamscribe.decoder.lm.LanguageModel;
import java.util.List;

/** The score a word adds to its hypothesis: weighted LM log-probability plus word bonus, and hot words' boosts. */
final class WordScorer {
    /** Natural-log probability of one letter of an unknown word: uniform over the 27 symbols a word is made of. */
    private static final double UNKNOWN_LETTER_LOG_PROB = -Math.log(Labels.COUNT - 2);
    private final LanguageModel lm;
    private final double lmWeight;
    private final double wordBonus;
    private final double oovPenalty;
    private final HotWords hotWords;

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

    boolean hasHotWords() {
        return !hotWords.isEmpty();
    }

    /** How many preceding words {@link #word} and {@link #sentenceEnd} look at: the LM's, and one for hot phrases. */
    int historyLength() {
        return Math.max(lm == null ? 0 : lm.order() - 1, hotWords.isEmpty() ? 0 : 1);
    }

    /**
     * Score of the last of {@code words}, the ones before it being its history. The look-ahead its letters were
     * given while it was spelled (see {@link #spelling}) is taken back here, so a hypothesis pays each word's LM
     * score exactly once.
     */
    double word(List<String> words) {
        String word = words.get(words.size() - 1);
        String previous = words.size() > 1 ? words.get(words.size() - 2) : null;
        // a hot word earned its bonus while spelt (hotLetter); anything else gives back what its letters earned
        double score = hotWords.keeps(previous, word) ? 0 : -hotWords.spelt(word);
        if (lm == null) return score;
        score += lmWeight * (lm.logProb(words.subList(0, words.size() - 1), word) - lookAhead(word)) + wordBonus;
        // an unknown word spelt entirely within the vocabulary's prefixes ("smol") has not paid the penalty yet
        if (!lm.contains(word) && lm.isWordPrefix(word)) score -= oovPenalty;
        return score;
    }

    /**
     * Score of spelling on the open word at LM prefix-trie node {@code open} (see {@link #extend}) with one more
     * letter. A word's LM score only comes when it is complete, so without a look-ahead a narrow beam drops the good
     * spellings of long words before they earn it: each letter moves the hypothesis to the best unigram
     * log-probability of the words it can still become. The letter that leaves the vocabulary costs the OOV penalty
     * instead.
     */
    double spelling(int open, char letter) {
        if (lm == null) return 0;
        // Past the vocabulary a word's look-ahead stays where it was, and each further letter costs what a uniform
        // spelling model gives it: were letters free there, running the next words into the unknown one
        // ("lemonsmakesfinepunch") would escape all their LM scores for one penalty, and a wide beam finds that.
        if (open < 0) return lmWeight * UNKNOWN_LETTER_LOG_PROB;
        double openLookAhead = open == LanguageModel.EMPTY_PREFIX ? 0 : lm.prefixLogProb(open);
        int next = lm.extendPrefix(open, letter);
        return next >= 0 ? lmWeight * (lm.prefixLogProb(next) - openLookAhead) : -oovPenalty;
    }

    /** What the last letter of the open word {@code prefix} earns toward a hot word it may become. */
    double hotLetter(String prefix) {
        return hotWords.letter(prefix);
    }

    /** The LM prefix-trie node of the open word {@code open} followed by {@code letter}; negative once outside. */
    int extend(int open, char letter) {
        return lm == null || open < 0 ? -1 : lm.extendPrefix(open, letter);
    }

    /** The look-ahead a word carries once spelled: that of its longest prefix still inside the vocabulary. */
    private double lookAhead(String spelled) {
        double p = 0;
        for (int i = 0, node = LanguageModel.EMPTY_PREFIX; i < spelled.length(); i++) {
            node = lm.extendPrefix(node, spelled.charAt(i));
            if (node < 0) break;
            p = lm.prefixLogProb(node);
        }
        return p;
    }

    double sentenceEnd(List<String> history) {
        return lm == null ? 0 : lmWeight * lm.endLogProb(history);
    }
}
