package dev.streamscribe.acoustic.training;

/**
 * A training example in memory: log-mel frames (un-normalised, quantised to 1/256 to halve the memory of
 * a corpus of tens of hours) and its label indices.
 */
record Utterance(String id, short[] frames, int frameCount, int[] labels, String text) {
    static final float SCALE = 256f;

    static Utterance of(String id, float[][] frames, int[] labels, String text) {
        int bands = frames.length == 0 ? 0 : frames[0].length;
        short[] q = new short[frames.length * bands];
        for (int t = 0; t < frames.length; t++) {
            for (int b = 0; b < bands; b++) {
                q[t * bands + b] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(frames[t][b] * SCALE)));
            }
        }
        return new Utterance(id, q, frames.length, labels, text);
    }

    /** Writes the normalised frames into {@code dst} (already zero beyond frameCount). */
    void normalisedInto(float[][] dst, float[] mean, float[] std) {
        int bands = mean.length;
        for (int t = 0; t < frameCount; t++) {
            float[] row = dst[t];
            for (int b = 0; b < bands; b++) row[b] = (frames[t * bands + b] / SCALE - mean[b]) / std[b];
        }
    }
}
