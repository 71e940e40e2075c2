package dev.streamscribe.features.frames;

/**
 * Log-mel feature settings (ARCHITECTURE.md §4). Training and inference read them from the model's meta.json, so a
 * model is always fed the features it was trained on.
 */
public record FeatureConfig(int sampleRate, int windowSamples, int hopSamples, int fftSize, int melBands,
                            double fMin, double fMax, double logFloor) {

    public static final FeatureConfig DEFAULT = new FeatureConfig(16000, 400, 160, 512, 80, 20, 7600, 1e-6);

    public FeatureConfig {
        if (windowSamples > fftSize) throw new IllegalArgumentException("window longer than FFT");
        if (hopSamples <= 0 || hopSamples > windowSamples) throw new IllegalArgumentException("bad hop " + hopSamples);
        if (fMax > sampleRate / 2.0) throw new IllegalArgumentException("fMax above Nyquist");
    }

    public double hopMs() {
        return hopSamples * 1000.0 / sampleRate;
    }
}
