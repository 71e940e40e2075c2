package dev.streamscribe.acoustic.model;

import java.util.Random;

/** Gaussian noise shaped as normalised log-mel frames: enough to compare two ways of running the model. */
final class RandomFeatures {
    private RandomFeatures() {}

    static float[][] of(int frames, int bands, Random r) {
        float[][] x = new float[frames][bands];
        for (float[] f : x) for (int i = 0; i < f.length; i++) f[i] = (float) r.nextGaussian();
        return x;
    }
}
