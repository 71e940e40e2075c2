package dev.streamscribe.decoder;

import static dev.streamscribe.decoder.PrefixTrie.ROOT;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** Best-path decoding: the most probable label of each frame, repeats collapsed, blanks dropped. */
final class GreedySearch implements PrefixSearch {
    private static final byte FORMAT = 1;

    private final PrefixTrie trie = new PrefixTrie();
    private int node;
    /** The previous frame's label, which a repeat collapses into. */
    private int previous;

    GreedySearch() {
        reset();
    }

    @Override
    public PrefixTrie trie() {
        return trie;
    }

    @Override
    public void reset() {
        trie.clear();
        node = ROOT;
        trie.retain(node);
        previous = Labels.BLANK;
    }

    @Override
    public void advance(float[] logProbs, long frame) {
        int label = 0;
        for (int c = 1; c < Labels.COUNT; c++) {
            if (logProbs[c] > logProbs[label]) label = c;
        }
        boolean emits = label != Labels.BLANK && label != previous
                && !(label == Labels.SPACE && trie.atWordStart(node));
        if (emits) {
            int child = trie.add(node, label, frame, (float) Math.exp(logProbs[label]), 0);
            trie.retain(child);
            trie.release(node);
            node = child;
        } else if (label == previous && label == trie.label(node)) {
            trie.observe(node, frame, (float) Math.exp(logProbs[label]));
        }
        previous = label;
    }

    @Override
    public int best() {
        return node;
    }

    @Override
    public int finalBest(boolean allowEmpty) {
        return node;
    }

    @Override
    public void write(DataOutput out) throws IOException {
        out.writeByte(FORMAT);
        int[] index = trie.write(out);
        out.writeInt(index[node]);
        out.writeByte(previous);
    }

    @Override
    public void read(DataInput in, long framesDecoded) throws IOException {
        if (in.readByte() != FORMAT) throw new IOException("not a greedy search state");
        trie.read(in, framesDecoded);
        int n = in.readInt();
        int label = in.readByte();
        if (n < 0 || n >= trie.size()) throw new IOException("bad hypothesis node " + n);
        if (label < 0 || label >= Labels.COUNT) throw new IOException("bad previous label " + label);
        trie.retain(n);
        node = n;
        previous = label;
        trie.checkAllReferenced();
    }
}
