package dev.streamscribe.features.frames;

/** Triangular filters on the HTK mel scale, applied to a power spectrum of fftSize/2+1 bins. */
final class MelFilterBank {
    private final int[] firstBin;
    private final float[][] weights;

    MelFilterBank(FeatureConfig c) {
        int bins = c.fftSize() / 2 + 1;
        double melMin = mel(c.fMin());
        double melMax = mel(c.fMax());
        double[] edges = new double[c.melBands() + 2];
        for (int i = 0; i < edges.length; i++) {
            edges[i] = hz(melMin + (melMax - melMin) * i / (c.melBands() + 1));
        }
        firstBin = new int[c.melBands()];
        weights = new float[c.melBands()][];
        double binHz = (double) c.sampleRate() / c.fftSize();
        for (int m = 0; m < c.melBands(); m++) {
            double lo = edges[m];
            double mid = edges[m + 1];
            double hi = edges[m + 2];
            int start = (int) Math.ceil(lo / binHz);
            int end = Math.min(bins - 1, (int) Math.floor(hi / binHz));
            firstBin[m] = start;
            float[] w = new float[Math.max(0, end - start + 1)];
            for (int k = start; k <= end; k++) {
                double f = k * binHz;
                double v = f <= mid ? (f - lo) / (mid - lo) : (hi - f) / (hi - mid);
                w[k - start] = (float) Math.max(0, v);
            }
            weights[m] = w;
        }
    }

    void apply(float[] power, float[] mel) {
        for (int m = 0; m < weights.length; m++) {
            float[] w = weights[m];
            int k0 = firstBin[m];
            double acc = 0;
            for (int j = 0; j < w.length; j++) acc += w[j] * power[k0 + j];
            mel[m] = (float) acc;
        }
    }

    static double mel(double hz) {
        return 2595 * Math.log10(1 + hz / 700);
    }

    static double hz(double mel) {
        return 700 * (Math.pow(10, mel / 2595) - 1);
    }
}
