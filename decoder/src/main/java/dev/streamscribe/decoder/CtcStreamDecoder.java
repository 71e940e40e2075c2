package dev.streamscribe.decoder;

import dev.streamscribe.decoder.lm.LanguageModel;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Streaming CTC decoder of one audio stream: turns frames of label log-posteriors (see {@link Labels}) into partial
 * and final results of utterances. A final is due once the best hypothesis has speech followed by
 * {@code endpointSilenceMs} without a new character, or when the utterance reaches {@code maxUtteranceMs}; a partial
 * every {@code partialIntervalMs} of audio while the utterance is not empty. Not thread-safe.
 */
public final class CtcStreamDecoder {
    private static final int STATE_MAGIC = 0x53534443; // "SSDC"

    private final DecoderConfig config;
    private final WordScorer scorer;
    private final double frameMs;
    private final long partialFrames;
    private final long endpointFrames;
    private final long maxUtteranceFrames;

    private PrefixSearch search;
    private int utterance;
    private long frames;
    /** First frame of the open utterance; moves along with the stream while nothing has been said. */
    private long utteranceStart;
    private long framesSincePartial;

    /**
     * @param lm      word language model, or null to decode without one
     * @param frameMs duration of one frame of log-posteriors
     */
    public CtcStreamDecoder(DecoderConfig config, LanguageModel lm, double frameMs) {
        if (!(frameMs > 0) || Double.isInfinite(frameMs)) throw new IllegalArgumentException("bad frame duration " + frameMs);
        this.config = Objects.requireNonNull(config, "config");
        this.scorer = new WordScorer(config, lm);
        this.frameMs = frameMs;
        this.partialFrames = frames(config.partialIntervalMs());
        this.endpointFrames = frames(config.endpointSilenceMs());
        this.maxUtteranceFrames = frames(config.maxUtteranceMs());
        this.search = newSearch();
    }

    /**
     * Decodes frames {@code [T][Labels.COUNT]} of natural-log posteriors that follow the ones already accepted and
     * returns the partials and finals that became due, in order.
     */
    public List<UtteranceResult> accept(float[][] logProbs) {
        List<UtteranceResult> due = new ArrayList<>(0);
        for (float[] frame : logProbs) {
            if (frame.length != Labels.COUNT) {
                throw new IllegalArgumentException("expected " + Labels.COUNT + " labels per frame, got " + frame.length);
            }
            search.advance(frame, frames);
            frames++;
            UtteranceResult result = afterFrame();
            if (result != null) due.add(result);
        }
        return due;
    }

    /** The current best hypothesis of the open utterance. */
    public UtteranceResult partial() {
        return result(search.best(), false, false);
    }

    /** Ends the stream: the final of the open utterance, marked eos, even if it is empty. */
    public List<UtteranceResult> finish() {
        return List.of(endUtterance(true));
    }

    /**
     * Writes everything needed to continue decoding; it stays small because only the open utterance is kept.
     */
    public void writeState(DataOutput out) throws IOException {
        out.writeInt(STATE_MAGIC);
        out.writeInt(utterance);
        out.writeLong(frames);
        out.writeLong(utteranceStart);
        out.writeLong(framesSincePartial);
        search.write(out);
    }

    /**
     * Replaces this decoder's state by one written by {@link #writeState} of a decoder with the same configuration,
     * language model and frame duration. On IOException (a corrupt state) this decoder is left unchanged.
     */
    public void readState(DataInput in) throws IOException {
        if (in.readInt() != STATE_MAGIC) throw new IOException("not a decoder state");
        int utt = in.readInt();
        long decoded = in.readLong();
        long start = in.readLong();
        long sincePartial = in.readLong();
        if (utt < 0 || decoded < 0 || start < 0 || start > decoded || sincePartial < 0 || sincePartial > decoded) {
            throw new IOException("bad decoder counters");
        }
        PrefixSearch restored = newSearch();
        restored.read(in, decoded);
        search = restored;
        utterance = utt;
        frames = decoded;
        utteranceStart = start;
        framesSincePartial = sincePartial;
    }

    private UtteranceResult afterFrame() {
        int best = search.best();
        if (best == PrefixTrie.ROOT) {
            utteranceStart = frames;
        } else {
            long silence = frames - 1 - search.trie().lastCharFrame(best);
            if (silence >= endpointFrames || frames - utteranceStart >= maxUtteranceFrames) return endUtterance(false);
        }
        // the count runs on through silence, so the first character after a pause shows at once
        framesSincePartial++;
        if (framesSincePartial < partialFrames || best == PrefixTrie.ROOT) return null;
        framesSincePartial = 0;
        return result(best, false, false);
    }

    private UtteranceResult endUtterance(boolean eos) {
        UtteranceResult result = result(search.finalBest(eos), true, eos);
        utterance++;
        utteranceStart = frames;
        framesSincePartial = 0;
        search.reset();
        return result;
    }

    private UtteranceResult result(int node, boolean isFinal, boolean eos) {
        List<Word> words = search.trie().words(node, frameMs);
        long audioMs = Math.round(frames * frameMs);
        if (words.isEmpty()) {
            return new UtteranceResult(utterance, isFinal, "", Math.round(utteranceStart * frameMs), audioMs, 0,
                    words, audioMs, eos);
        }
        StringBuilder text = new StringBuilder();
        double confidence = 0;
        for (Word w : words) {
            if (text.length() > 0) text.append(' ');
            text.append(w.word());
            confidence += w.confidence();
        }
        return new UtteranceResult(utterance, isFinal, text.toString(), words.get(0).startMs(),
                words.get(words.size() - 1).endMs(), confidence / words.size(), words, audioMs, eos);
    }

    private PrefixSearch newSearch() {
        return config.beamWidth() == 1 ? new GreedySearch() : new BeamSearch(config.beamWidth(), scorer, maxUtteranceFrames);
    }

    /** Frames needed to cover {@code ms}; the small slack keeps exact multiples from rounding up. */
    private long frames(int ms) {
        return Math.max(1, (long) Math.ceil(ms / frameMs - 1e-9));
    }
}
