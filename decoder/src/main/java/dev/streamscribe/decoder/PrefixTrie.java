package dev.streamscribe.decoder;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The label prefixes of one utterance as a trie, so that hypotheses sharing a beginning share its nodes. Each node
 * is one character with the frame it was emitted at and its posterior there (see {@link #observe}), plus the word
 * score accumulated along its path. Nodes are reference counted (one reference per child, one per beam entry holding it) and recycled
 * as soon as nothing holds them, so the trie only ever contains the ancestors of the current hypotheses: a node
 * that is found again is therefore the same in a decoder restored from state as in the original.
 */
final class PrefixTrie {
    static final int ROOT = 0;
    static final int NONE = -1;
    static final int UNSET = Integer.MIN_VALUE;
    /** Guards against corrupt state; far above what a beam over one utterance can hold. */
    private static final int MAX_NODES = 1 << 24;

    private int[] parent = new int[64];
    private int[] firstChild = new int[64];
    private int[] nextSibling = new int[64]; // also links the free list
    private int[] refs = new int[64];
    private byte[] label = new byte[64];
    private long[] frame = new long[64];
    private float[] prob = new float[64];
    private double[] score = new double[64];
    private double[] completion = new double[64];
    private int[] vocabularyPrefix = new int[64];
    private int allocated;
    private int free;
    private int nodes;

    PrefixTrie() {
        clear();
    }

    /** Drops every node but the root, which holds a permanent reference. */
    void clear() {
        allocated = 1;
        nodes = 1;
        free = NONE;
        parent[ROOT] = NONE;
        label[ROOT] = NONE;
        firstChild[ROOT] = NONE;
        nextSibling[ROOT] = NONE;
        refs[ROOT] = 1;
        frame[ROOT] = NONE;
        prob[ROOT] = 1;
        score[ROOT] = 0;
        completion[ROOT] = Double.NaN;
        vocabularyPrefix[ROOT] = UNSET;
    }

    /** Adds a child that holds no reference yet; the caller retains it. */
    int add(int parentNode, int childLabel, long childFrame, float childProb, double childScore) {
        int n = allocate();
        parent[n] = parentNode;
        label[n] = (byte) childLabel;
        frame[n] = childFrame;
        prob[n] = childProb;
        score[n] = childScore;
        completion[n] = Double.NaN;
        vocabularyPrefix[n] = UNSET;
        refs[n] = 0;
        firstChild[n] = NONE;
        nextSibling[n] = firstChild[parentNode];
        firstChild[parentNode] = n;
        refs[parentNode]++;
        return n;
    }

    /**
     * Moves a node's character to a later frame where it is more probable: a beam keeps unlikely hypotheses, so a
     * character is often first emitted at a frame where it is mere noise, and only its peak tells where and how
     * clearly it was said. This holds even when noise has already extended the node: a wide beam keeps such
     * extensions, and the node's time would otherwise stay at its noise frame (they move too when they are said).
     */
    void observe(int node, long atFrame, float atProb) {
        if (atProb > prob[node]) {
            frame[node] = atFrame;
            prob[node] = atProb;
        }
    }

    int child(int node, int childLabel) {
        for (int c = firstChild[node]; c != NONE; c = nextSibling[c]) {
            if (label[c] == childLabel) return c;
        }
        return NONE;
    }

    void retain(int node) {
        refs[node]++;
    }

    /** Drops a reference; nodes left without any are recycled, and so are the ancestors they held. */
    void release(int node) {
        int n = node;
        while (--refs[n] == 0) {
            int p = parent[n];
            unlink(p, n);
            nextSibling[n] = free;
            free = n;
            nodes--;
            n = p;
        }
    }

    int parent(int node) {
        return parent[node];
    }

    int label(int node) {
        return label[node];
    }

    long frame(int node) {
        return frame[node];
    }

    /** Sum of the word scores (LM, word bonus, hot words) of the words completed along the path. */
    double score(int node) {
        return score[node];
    }

    void setScore(int node, double value) {
        score[node] = value;
    }

    /** Cached score of completing the node's open word; NaN until set. */
    double completion(int node) {
        return completion[node];
    }

    void setCompletion(int node, double value) {
        completion[node] = value;
    }

    /** Cached LM prefix-trie node of the node's open word (see {@link WordScorer#extend}); {@link #UNSET} until set. */
    int vocabularyPrefix(int node) {
        return vocabularyPrefix[node];
    }

    void setVocabularyPrefix(int node, int value) {
        vocabularyPrefix[node] = value;
    }

    /** True where a space would not start a new word: at the start, or right after a space. */
    boolean atWordStart(int node) {
        return node == ROOT || label[node] == Labels.SPACE;
    }

    /** The frame of the prefix's last character that is not a space. */
    long lastCharFrame(int node) {
        return frame[label[node] == Labels.SPACE ? parent[node] : node];
    }

    /** Number of nodes, root included. */
    int size() {
        return nodes;
    }

    /** Upper bound (exclusive) of the node ids in use. */
    int capacity() {
        return allocated;
    }

    /** The last {@code count} words of the prefix, oldest first; an unfinished last word counts as a word. */
    List<String> lastWords(int node, int count) {
        List<String> words = new ArrayList<>(count);
        StringBuilder reversed = new StringBuilder();
        int n = label[node] == Labels.SPACE ? parent[node] : node;
        for (; n != ROOT && words.size() < count; n = parent[n]) {
            if (label[n] == Labels.SPACE) {
                words.add(reversed.reverse().toString());
                reversed.setLength(0);
            } else {
                reversed.append(Labels.ALPHABET.charAt(label[n]));
            }
        }
        if (reversed.length() > 0 && words.size() < count) words.add(reversed.reverse().toString());
        Collections.reverse(words);
        return words;
    }

    /** The words of the prefix with their times from the start of the stream and mean character posteriors. */
    List<Word> words(int node, double frameMs) {
        int depth = 0;
        for (int n = node; n != ROOT; n = parent[n]) depth++;
        int[] path = new int[depth];
        for (int n = node, i = depth - 1; n != ROOT; n = parent[n], i--) path[i] = n;

        // a node can have moved to its peak after its children (see observe); times along a path never go back
        long[] times = new long[depth];
        for (int i = 0; i < depth; i++) times[i] = Math.max(frame[path[i]], i == 0 ? 0 : times[i - 1]);

        List<Word> words = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= depth; i++) {
            if (i == depth || label[path[i]] == Labels.SPACE) {
                if (i > start) words.add(word(path, times, start, i, frameMs));
                start = i + 1;
            }
        }
        return words;
    }

    private Word word(int[] path, long[] times, int from, int to, double frameMs) {
        char[] chars = new char[to - from];
        double probSum = 0;
        for (int i = from; i < to; i++) {
            chars[i - from] = Labels.ALPHABET.charAt(label[path[i]]);
            probSum += prob[path[i]];
        }
        long startMs = Math.round(times[from] * frameMs);
        long endMs = Math.round((times[to - 1] + 1) * frameMs);
        return new Word(new String(chars), startMs, endMs, probSum / chars.length);
    }

    /**
     * Writes the nodes below the root breadth first (so in depth order, parents before children); the root is index 0.
     * A node is its label, how many indices back its parent is and how many frames after its parent's it was emitted
     * (both variable-length: mostly a byte each) and its posterior: about 7 bytes where fixed-width fields took 17, and
     * a beam's state is mostly these nodes. Returns each node id's index in what was written.
     */
    int[] write(DataOutput out) throws IOException {
        int[] order = new int[nodes];
        int[] index = new int[allocated];
        int written = 1;
        for (int i = 0; i < written; i++) {
            for (int c = firstChild[order[i]]; c != NONE; c = nextSibling[c]) {
                index[c] = written;
                order[written++] = c;
            }
        }
        out.writeInt(written - 1);
        for (int i = 1; i < written; i++) {
            int n = order[i];
            out.writeByte(label[n]);
            writeVarint(out, i - index[parent[n]]);
            // a node may have moved to a later peak than its children (see observe), so the step can be negative
            long step = frame[n] - frameBase(parent[n]);
            writeVarint(out, (step << 1) ^ (step >> 63));
            out.writeFloat(prob[n]);
        }
        return index;
    }

    /**
     * Replaces the trie by one written with {@link #write}; node ids are the written indices. The nodes hold no
     * references but their children's and get score 0: the caller retains its hypotheses, sets the scores and then
     * calls {@link #checkAllReferenced}.
     */
    void read(DataInput in, long framesDecoded) throws IOException {
        clear();
        int count = in.readInt();
        if (count < 0 || count >= MAX_NODES) throw new IOException("bad prefix node count " + count);
        for (int i = 1; i <= count; i++) {
            int l = in.readByte();
            long back = readVarint(in);
            long step = readVarint(in);
            float pr = in.readFloat();
            if (back < 1 || back > i) throw new IOException("bad parent of prefix node " + i);
            int p = (int) (i - back);
            if (l < 0 || l >= Labels.BLANK || (l == Labels.SPACE && atWordStart(p))) {
                throw new IOException("bad label " + l + " of prefix node " + i);
            }
            long f = frameBase(p) + ((step >>> 1) ^ -(step & 1));
            if (f < 0 || f >= framesDecoded) throw new IOException("bad frame " + f + " of prefix node " + i);
            if (!(pr >= 0 && pr <= 1)) throw new IOException("bad posterior " + pr + " of prefix node " + i);
            if (child(p, l) != NONE) throw new IOException("duplicate prefix node " + i);
            add(p, l, f, pr, 0);
        }
    }

    /** The frame a child's is written relative to: its parent's, or 0 below the root, which has none. */
    private long frameBase(int p) {
        return p == ROOT ? 0 : frame[p];
    }

    /** Seven bits a byte, low first, the top bit set on all but the last. */
    private static void writeVarint(DataOutput out, long value) throws IOException {
        long v = value;
        while ((v & ~0x7fL) != 0) {
            out.writeByte((int) (v & 0x7f) | 0x80);
            v >>>= 7;
        }
        out.writeByte((int) v);
    }

    private static long readVarint(DataInput in) throws IOException {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = in.readUnsignedByte();
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) return value;
        }
        throw new IOException("bad variable-length number");
    }

    void checkAllReferenced() throws IOException {
        for (int n = 1; n < allocated; n++) {
            if (refs[n] == 0) throw new IOException("prefix node " + n + " belongs to no hypothesis");
        }
    }

    private int allocate() {
        nodes++;
        if (free != NONE) {
            int n = free;
            free = nextSibling[n];
            return n;
        }
        if (allocated == parent.length) grow();
        return allocated++;
    }

    private void grow() {
        int capacity = parent.length * 2;
        parent = Arrays.copyOf(parent, capacity);
        firstChild = Arrays.copyOf(firstChild, capacity);
        nextSibling = Arrays.copyOf(nextSibling, capacity);
        refs = Arrays.copyOf(refs, capacity);
        label = Arrays.copyOf(label, capacity);
        frame = Arrays.copyOf(frame, capacity);
        prob = Arrays.copyOf(prob, capacity);
        score = Arrays.copyOf(score, capacity);
        completion = Arrays.copyOf(completion, capacity);
        vocabularyPrefix = Arrays.copyOf(vocabularyPrefix, capacity);
    }

    private void unlink(int p, int n) {
        if (firstChild[p] == n) {
            firstChild[p] = nextSibling[n];
            return;
        }
        int c = firstChild[p];
        while (nextSibling[c] != n) c = nextSibling[c];
        nextSibling[c] = nextSibling[n];
    }
}
