package dev.streamscribe.decoder;

import java.util.List;

/**
 * A partial or final hypothesis of one utterance (utterances are numbered from 0 per stream). {@code audioMs} is
 * how much of the stream had been decoded when the result was made; {@code eos} marks the final that ends the
 * stream.
 */
public record UtteranceResult(int utterance, boolean isFinal, String text, long startMs, long endMs,
                              double confidence, List<Word> words, long audioMs, boolean eos) {
    public UtteranceResult {
        words = List.copyOf(words);
    }
}
