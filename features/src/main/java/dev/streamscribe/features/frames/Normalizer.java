package dev.streamscribe.features.frames;

import java.util.Arrays;

/** Per-band standardisation with the training set's global mean and deviation (from meta.json). */
public record Normalizer(float[] mean, float[] std) {
    public Normalizer {
        if (mean.length != std.length) throw new IllegalArgumentException("mean and std differ in length");
        for (float s : std) if (!(s > 0)) throw new IllegalArgumentException("std must be positive");
    }

    public static Normalizer identity(int bands) {
        float[] ones = new float[bands];
        Arrays.fill(ones, 1f);
        return new Normalizer(new float[bands], ones);
    }

    /** Normalises each frame in place. */
    public void apply(float[][] frames) {
        for (float[] f : frames) {
            for (int b = 0; b < f.length; b++) f[b] = (f[b] - mean[b]) / std[b];
        }
    }
}
