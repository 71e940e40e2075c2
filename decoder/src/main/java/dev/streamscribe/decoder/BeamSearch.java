package dev.streamscribe.decoder;

import static dev.streamscribe.decoder.PrefixTrie.NONE;
import static dev.streamscribe.decoder.PrefixTrie.ROOT;

import dev.streamscribe.decoder.lm.LanguageModel;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * CTC prefix beam search in the log domain: each hypothesis carries the probability of its alignments ending in a
 * blank ({@code pb}) and in its last character ({@code pnb}); it is ranked by their sum plus its word scores.
 * <p>
 * Nothing here depends on node ids, so a search restored from state (whose trie is renumbered) continues exactly
 * like the original: candidates are created in an order that only follows the beam order and the label order, and
 * equal ranks keep that order.
 */
final class BeamSearch implements PrefixSearch {
    private static final byte FORMAT = 3;
    /** Per frame only the most probable labels are extended: at most this many ... */
    private static final int MAX_LABELS = 12;
    /** ... and no more than needed to cover this much probability. */
    private static final double TOP_MASS = 0.999;
    private static final double NEG_INF = Double.NEGATIVE_INFINITY;
    /**
     * Prefix nodes the trie may hold per beam entry, beyond one path through a whole utterance. An utterance of many
     * near-ties can keep up to width times its length in nodes, and they are most of a stream's stored state; past
     * the budget the least likely hypotheses are dropped, freeing the nodes only they held, so what a stream stores
     * is bounded by the settings, not by how ambiguous its audio is.
     */
    static final int NODES_PER_HYPOTHESIS = 64;

    private final PrefixTrie trie = new PrefixTrie();
    private final WordScorer scorer;
    private final int width;
    private final int maxNodes;

    // the beam, best first
    private int size;
    private final int[] node;
    private final double[] pb;
    private final double[] pnb;

    // candidates of the frame being decoded; an extension not yet in the trie has node NONE
    private int candidates;
    private final int[] candNode;
    private final int[] candParent;
    private final int[] candLabel;
    private final float[] candProb;
    private final double[] candScore;
    private final double[] candPb;
    private final double[] candPnb;
    private final double[] candRank;
    /** Candidate index per node id during a frame, else -1. */
    private int[] slotOf = new int[0];

    private final int[] labelOrder = new int[Labels.COUNT];
    private final int[] labels = new int[MAX_LABELS];
    private final int[] top;
    private final int[] nextNode;

    /** @param utteranceFrames the longest an utterance can be, so also the longest path a hypothesis can have */
    BeamSearch(int width, WordScorer scorer, long utteranceFrames) {
        this.width = width;
        this.scorer = scorer;
        this.maxNodes = maxNodes(width, utteranceFrames);
        node = new int[width];
        pb = new double[width];
        pnb = new double[width];
        int maxCandidates = width * (MAX_LABELS + 1);
        candNode = new int[maxCandidates];
        candParent = new int[maxCandidates];
        candLabel = new int[maxCandidates];
        candProb = new float[maxCandidates];
        candScore = new double[maxCandidates];
        candPb = new double[maxCandidates];
        candPnb = new double[maxCandidates];
        candRank = new double[maxCandidates];
        top = new int[width];
        nextNode = new int[width];
        reset();
    }

    /** The most prefix nodes, root included, a search of this width keeps over utterances of this many frames. */
    static int maxNodes(int width, long utteranceFrames) {
        return (int) Math.min(Integer.MAX_VALUE, 1 + utteranceFrames + (long) NODES_PER_HYPOTHESIS * width);
    }

    @Override
    public PrefixTrie trie() {
        return trie;
    }

    @Override
    public void reset() {
        trie.clear();
        trie.retain(ROOT);
        size = 1;
        node[0] = ROOT;
        pb[0] = 0;
        pnb[0] = NEG_INF;
    }

    @Override
    public void advance(float[] logProbs, long frame) {
        int labelCount = selectLabels(logProbs);
        if (slotOf.length < trie.capacity()) growSlots();
        candidates = 0;
        // candidate i is beam entry i staying as it is
        for (int i = 0; i < size; i++) slotOf[node[i]] = addCandidate(node[i], NONE, 0, 0, trie.score(node[i]));

        double blank = logProbs[Labels.BLANK];
        for (int i = 0; i < size; i++) {
            int p = node[i];
            double total = logSumExp(pb[i], pnb[i]);
            candPb[i] = logSumExp(candPb[i], total + blank);
            for (int k = 0; k < labelCount; k++) {
                int c = labels[k];
                double lp = logProbs[c];
                if (c == Labels.SPACE && trie.atWordStart(p)) {
                    candPb[i] = logSumExp(candPb[i], total + lp);
                } else if (c == trie.label(p)) {
                    // a repeat collapses into the prefix unless a blank separated it
                    candPnb[i] = logSumExp(candPnb[i], pnb[i] + lp);
                    int s = extension(p, c, frame, lp);
                    candPnb[s] = logSumExp(candPnb[s], pb[i] + lp);
                } else {
                    int s = extension(p, c, frame, lp);
                    candPnb[s] = logSumExp(candPnb[s], total + lp);
                }
            }
        }
        selectBeam(frame);
    }

    @Override
    public int best() {
        return node[0];
    }

    @Override
    public int finalBest(boolean allowEmpty) {
        int best = NONE;
        double bestScore = NEG_INF;
        for (int i = 0; i < size; i++) {
            int n = node[i];
            if (n == ROOT && !allowEmpty) continue;
            double s = logSumExp(pb[i], pnb[i]) + trie.score(n)
                    + (trie.atWordStart(n) ? 0 : completion(n))
                    + scorer.sentenceEnd(trie.lastWords(n, scorer.historyLength()));
            if (best == NONE || s > bestScore) {
                best = n;
                bestScore = s;
            }
        }
        return best == NONE ? ROOT : best;
    }

    @Override
    public void write(DataOutput out) throws IOException {
        out.writeByte(FORMAT);
        int[] index = trie.write(out);
        out.writeInt(size);
        for (int i = 0; i < size; i++) {
            out.writeInt(index[node[i]]);
            out.writeDouble(pb[i]);
            out.writeDouble(pnb[i]);
        }
    }

    @Override
    public void read(DataInput in, long framesDecoded) throws IOException {
        if (in.readByte() != FORMAT) throw new IOException("not a beam search state");
        trie.read(in, framesDecoded);
        // ids are the written indices, parents first, so the word scores can be summed up in id order
        for (int n = 1; n < trie.size(); n++) {
            int p = trie.parent(n);
            trie.setScore(n, trie.score(p) + step(p, trie.label(n)));
        }
        int count = in.readInt();
        if (count < 1 || count > width) throw new IOException("bad beam size " + count);
        for (int i = 0; i < count; i++) {
            int n = in.readInt();
            double b = in.readDouble();
            double nb = in.readDouble();
            if (n < 0 || n >= trie.size()) throw new IOException("bad hypothesis node " + n);
            for (int j = 0; j < i; j++) {
                if (node[j] == n) throw new IOException("duplicate hypothesis node " + n);
            }
            if (Double.isNaN(b) || Double.isNaN(nb) || b == Double.POSITIVE_INFINITY || nb == Double.POSITIVE_INFINITY) {
                throw new IOException("bad hypothesis score");
            }
            trie.retain(n);
            node[i] = n;
            pb[i] = b;
            pnb[i] = nb;
        }
        size = count;
        trie.checkAllReferenced();
    }

    /** Puts the most probable non-blank labels into {@link #labels}; blank is always considered anyway. */
    private int selectLabels(float[] logProbs) {
        for (int i = 0; i < Labels.COUNT; i++) labelOrder[i] = i;
        int count = 0;
        double mass = 0;
        for (int k = 0; k < MAX_LABELS && mass < TOP_MASS; k++) {
            int best = k;
            for (int j = k + 1; j < Labels.COUNT; j++) {
                if (logProbs[labelOrder[j]] > logProbs[labelOrder[best]]) best = j;
            }
            int label = labelOrder[best];
            labelOrder[best] = labelOrder[k];
            labelOrder[k] = label;
            mass += Math.exp(logProbs[label]);
            if (label != Labels.BLANK) labels[count++] = label;
        }
        return count;
    }

    /** The candidate for prefix {@code p} extended by {@code c}, created on first use. */
    private int extension(int p, int c, long frame, double logProb) {
        int child = trie.child(p, c);
        float prob = (float) Math.exp(logProb);
        if (child == NONE) {
            return addCandidate(NONE, p, c, prob, trie.score(p) + step(p, c));
        }
        trie.observe(child, frame, prob);
        if (slotOf[child] < 0) slotOf[child] = addCandidate(child, NONE, 0, 0, trie.score(child));
        return slotOf[child];
    }

    private int addCandidate(int n, int parent, int label, float prob, double score) {
        int s = candidates++;
        candNode[s] = n;
        candParent[s] = parent;
        candLabel[s] = label;
        candProb[s] = prob;
        candScore[s] = score;
        candPb[s] = NEG_INF;
        candPnb[s] = NEG_INF;
        return s;
    }

    /** Keeps the best {@link #width} candidates as the new beam, materialising the new prefixes in the trie. */
    private void selectBeam(long frame) {
        int kept = 0;
        for (int s = 0; s < candidates; s++) {
            double rank = logSumExp(candPb[s], candPnb[s]) + candScore[s];
            candRank[s] = rank;
            if (!(rank > NEG_INF) || (kept == width && rank <= candRank[top[width - 1]])) continue;
            int j = Math.min(kept, width - 1);
            while (j > 0 && candRank[top[j - 1]] < rank) {
                top[j] = top[j - 1];
                j--;
            }
            top[j] = s;
            if (kept < width) kept++;
        }
        for (int s = 0; s < candidates; s++) {
            if (candNode[s] != NONE) slotOf[candNode[s]] = -1;
        }
        if (kept == 0) return; // a frame without any finite probability carries no information

        for (int j = 0; j < kept; j++) {
            int s = top[j];
            int n = candNode[s] != NONE ? candNode[s]
                    : trie.add(candParent[s], candLabel[s], frame, candProb[s], candScore[s]);
            trie.retain(n);
            nextNode[j] = n;
        }
        for (int i = 0; i < size; i++) trie.release(node[i]);
        // keeps the numbers near 0 however long the stream runs; ranks only matter relative to each other
        double shift = logSumExp(candPb[top[0]], candPnb[top[0]]);
        for (int j = 0; j < kept; j++) {
            node[j] = nextNode[j];
            pb[j] = candPb[top[j]] - shift;
            pnb[j] = candPnb[top[j]] - shift;
        }
        size = kept;
        while (trie.size() > maxNodes && size > 1) trie.release(node[--size]);
    }

    /** What extending prefix {@code p} by label {@code c} adds to its word score. */
    private double step(int p, int c) {
        if (c == Labels.SPACE) return completion(p);
        if (!scorer.scoresWords()) return 0;
        char letter = Labels.ALPHABET.charAt(c);
        double spelling = scorer.spelling(vocabularyPrefix(p), letter);
        return scorer.hasHotWords() ? spelling + scorer.hotLetter(openWord(p) + letter) : spelling;
    }

    private String openWord(int p) {
        return trie.atWordStart(p) ? "" : trie.lastWords(p, 1).get(0);
    }

    /** Where the prefix's open word is in the LM's prefix trie, computed once per node from its parent's. */
    private int vocabularyPrefix(int n) {
        if (trie.atWordStart(n)) return LanguageModel.EMPTY_PREFIX;
        int cached = trie.vocabularyPrefix(n);
        if (cached != PrefixTrie.UNSET) return cached;
        int prefix = scorer.extend(vocabularyPrefix(trie.parent(n)), Labels.ALPHABET.charAt(trie.label(n)));
        trie.setVocabularyPrefix(n, prefix);
        return prefix;
    }

    /** Score of completing the prefix's open word, computed once per node. */
    private double completion(int n) {
        double score = trie.completion(n);
        if (Double.isNaN(score)) {
            score = scorer.scoresWords() ? scorer.word(trie.lastWords(n, scorer.historyLength() + 1)) : 0;
            trie.setCompletion(n, score);
        }
        return score;
    }

    private void growSlots() {
        int old = slotOf.length;
        slotOf = Arrays.copyOf(slotOf, Math.max(trie.capacity(), 2 * old));
        Arrays.fill(slotOf, old, slotOf.length, -1);
    }

    private static double logSumExp(double a, double b) {
        if (a == NEG_INF) return b;
        if (b == NEG_INF) return a;
        return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
    }
}
