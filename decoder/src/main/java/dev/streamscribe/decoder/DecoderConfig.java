package dev.streamscribe.decoder;

import java.util.Objects;

/**
 * Decoder settings. {@code beamWidth} 1 is greedy best-path decoding; {@code lmWeight} scales the word LM's
 * natural-log probability and {@code wordBonus} is added per word; {@code oovPenalty} is taken off a hypothesis
 * as soon as the word it is spelling can no longer be a word of the LM's vocabulary, and each letter it spells
 * further costs that of a uniform spelling model (all ignored without an LM), so that a run-on of words cannot
 * escape the LM by never ending a word;
 * {@code hotWords} are boosted as they are spelt ({@link HotWords}; beam search only). A final is emitted after
 * {@code endpointSilenceMs} of trailing non-speech following speech, or when an utterance reaches
 * {@code maxUtteranceMs}; partials every {@code partialIntervalMs} of audio.
 */
public record DecoderConfig(int beamWidth, double lmWeight, double wordBonus, double oovPenalty, int partialIntervalMs,
                            int endpointSilenceMs, int maxUtteranceMs, HotWords hotWords) {
    public static final DecoderConfig DEFAULT = new DecoderConfig(64, 0.6, 0.0, 15.0, 200, 600, 20_000, HotWords.NONE);

    public DecoderConfig {
        if (beamWidth < 1 || beamWidth > 1024) throw new IllegalArgumentException("beam width must be 1..1024, got " + beamWidth);
        if (oovPenalty < 0) throw new IllegalArgumentException("the OOV penalty is a cost, not negative");
        if (partialIntervalMs < 1) throw new IllegalArgumentException("partial interval must be positive");
        if (endpointSilenceMs < 1) throw new IllegalArgumentException("endpoint silence must be positive");
        if (maxUtteranceMs < 1000) throw new IllegalArgumentException("max utterance must be at least 1000 ms");
        Objects.requireNonNull(hotWords, "hotWords");
    }

    public DecoderConfig withBeamWidth(int v) {
        return new DecoderConfig(v, lmWeight, wordBonus, oovPenalty, partialIntervalMs, endpointSilenceMs, maxUtteranceMs, hotWords);
    }

    public DecoderConfig withLmWeight(double v) {
        return new DecoderConfig(beamWidth, v, wordBonus, oovPenalty, partialIntervalMs, endpointSilenceMs, maxUtteranceMs, hotWords);
    }

    public DecoderConfig withWordBonus(double v) {
        return new DecoderConfig(beamWidth, lmWeight, v, oovPenalty, partialIntervalMs, endpointSilenceMs, maxUtteranceMs, hotWords);
    }

    public DecoderConfig withOovPenalty(double v) {
        return new DecoderConfig(beamWidth, lmWeight, wordBonus, v, partialIntervalMs, endpointSilenceMs, maxUtteranceMs, hotWords);
    }

    public DecoderConfig withPartialIntervalMs(int v) {
        return new DecoderConfig(beamWidth, lmWeight, wordBonus, oovPenalty, v, endpointSilenceMs, maxUtteranceMs, hotWords);
    }

    public DecoderConfig withEndpointSilenceMs(int v) {
        return new DecoderConfig(beamWidth, lmWeight, wordBonus, oovPenalty, partialIntervalMs, v, maxUtteranceMs, hotWords);
    }

    public DecoderConfig withMaxUtteranceMs(int v) {
        return new DecoderConfig(beamWidth, lmWeight, wordBonus, oovPenalty, partialIntervalMs, endpointSilenceMs, v, hotWords);
    }

    public DecoderConfig withHotWords(HotWords v) {
        return new DecoderConfig(beamWidth, lmWeight, wordBonus, oovPenalty, partialIntervalMs, endpointSilenceMs, maxUtteranceMs, v);
    }
}
