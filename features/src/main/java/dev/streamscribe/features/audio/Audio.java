package dev.streamscribe.features.audio;

/** Decoded mono audio: samples in [-1, 1] at {@code sampleRate} Hz. */
public record Audio(float[] samples, int sampleRate) {
    public Audio {
        if (sampleRate <= 0) throw new IllegalArgumentException("sample rate must be positive: " + sampleRate);
    }

    public long durationMs() {
        return samples.length * 1000L / sampleRate;
    }
}
