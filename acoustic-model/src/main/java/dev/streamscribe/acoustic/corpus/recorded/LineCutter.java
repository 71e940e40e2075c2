package dev.streamscribe.acoustic.corpus.recorded;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts a recorded clip that speaks several subtitle lines into one piece per line, at the pause nearest each line's
 * subtitle timing. Subtitle timings are only roughly where a speaker moves on, so a cut is made only in a real pause
 * close to it; where there is none, the lines stay together, since a cut inside a word would give both pieces a
 * wrong transcript. Each piece is trimmed to its speech, with a short margin of the pause around it.
 */
final class LineCutter {
    /** A piece of a clip: lines {@code [fromLine, toLine)} spoken in samples {@code [start, end)}. */
    record Piece(int fromLine, int toLine, int start, int end) {}

    static final int FRAME_MS = 10;
    /** How far from a subtitle timing a pause is looked for. */
    static final int SEARCH_MS = 800;
    /** The shortest pause that counts as one, and the margin of it kept around speech. */
    static final int PAUSE_MS = 120;
    static final int MARGIN_MS = 100;
    /** A frame is pause when it is this far below the clip's loud frames (its 95th percentile). */
    static final double PAUSE_BELOW_DB = 20;

    private LineCutter() {}

    /**
     * @param lineMs the display time of each line but the last, as the subtitle timing file gives it; fewer timings
     *               than lines leave the remaining lines together
     */
    static List<Piece> cut(float[] samples, int rate, int lines, int[] lineMs) {
        int frameLen = rate * FRAME_MS / 1000;
        boolean[] pause = pauses(samples, frameLen);
        List<Integer> cuts = new ArrayList<>(); // frame index of each cut
        List<Integer> cutAfterLine = new ArrayList<>();
        long boundaryMs = 0;
        for (int line = 0; line < Math.min(lines - 1, lineMs.length); line++) {
            boundaryMs += lineMs[line];
            int at = nearestPause(pause, (int) (boundaryMs / FRAME_MS), SEARCH_MS / FRAME_MS, PAUSE_MS / FRAME_MS);
            if (at < 0 || (!cuts.isEmpty() && at <= cuts.get(cuts.size() - 1))) continue;
            cuts.add(at);
            cutAfterLine.add(line + 1);
        }
        List<Piece> out = new ArrayList<>();
        int fromFrame = 0;
        int fromLine = 0;
        for (int i = 0; i <= cuts.size(); i++) {
            int toFrame = i < cuts.size() ? cuts.get(i) : pause.length;
            int toLine = i < cuts.size() ? cutAfterLine.get(i) : lines;
            Piece p = trimmed(pause, fromFrame, toFrame, frameLen, samples.length, fromLine, toLine);
            if (p != null) out.add(p);
            fromFrame = toFrame;
            fromLine = toLine;
        }
        return out;
    }

    /** Per frame: is it at least {@link #PAUSE_BELOW_DB} below the loud part of the clip. */
    static boolean[] pauses(float[] x, int frameLen) {
        int frames = (x.length + frameLen - 1) / frameLen;
        double[] db = new double[frames];
        for (int f = 0; f < frames; f++) {
            double e = 1e-10;
            int end = Math.min(x.length, (f + 1) * frameLen);
            for (int i = f * frameLen; i < end; i++) e += x[i] * x[i];
            db[f] = 10 * Math.log10(e / Math.max(1, end - f * frameLen));
        }
        double[] sorted = db.clone();
        Arrays.sort(sorted);
        double loud = sorted.length == 0 ? 0 : sorted[(int) (0.95 * (sorted.length - 1))];
        boolean[] pause = new boolean[frames];
        for (int f = 0; f < frames; f++) pause[f] = db[f] < loud - PAUSE_BELOW_DB;
        return pause;
    }

    /** The middle of the pause of at least {@code minRun} frames nearest {@code target}, within {@code window}; or -1. */
    private static int nearestPause(boolean[] pause, int target, int window, int minRun) {
        int best = -1;
        int lo = Math.max(0, target - window);
        int hi = Math.min(pause.length, target + window);
        int f = lo;
        while (f < hi) {
            if (!pause[f]) {
                f++;
                continue;
            }
            int start = f;
            while (f < pause.length && pause[f]) f++;
            if (f - start >= minRun) {
                int middle = (start + f) / 2;
                if (best < 0 || Math.abs(middle - target) < Math.abs(best - target)) best = middle;
            }
        }
        return best;
    }

    private static Piece trimmed(boolean[] pause, int from, int to, int frameLen, int samples, int fromLine, int toLine) {
        int first = from;
        while (first < to && pause[first]) first++;
        int last = to - 1;
        while (last >= first && pause[last]) last--;
        if (first > last) return null;
        int margin = MARGIN_MS / FRAME_MS;
        int start = Math.max(from, first - margin) * frameLen;
        int end = Math.min(samples, Math.min(to, last + 1 + margin) * frameLen);
        return new Piece(fromLine, toLine, start, end);
    }
}
