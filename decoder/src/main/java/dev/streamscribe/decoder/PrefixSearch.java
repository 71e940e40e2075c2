package dev.streamscribe.decoder;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** Turns frames of label log-posteriors into prefix hypotheses of the open utterance, held in its trie. */
interface PrefixSearch {
    PrefixTrie trie();

    /** Consumes one frame, the {@code frame}-th of the stream. */
    void advance(float[] logProbs, long frame);

    /** The best hypothesis so far, for partials and endpointing. */
    int best();

    /**
     * The hypothesis the utterance ends with, once its last word and the end of the sentence are scored; the empty
     * one only if {@code allowEmpty}.
     */
    int finalBest(boolean allowEmpty);

    /** Starts a new utterance. */
    void reset();

    void write(DataOutput out) throws IOException;

    /** Replaces the state by one written with {@link #write} when {@code framesDecoded} frames had been decoded. */
    void read(DataInput in, long framesDecoded) throws IOException;
}
