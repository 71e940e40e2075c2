package dev.streamscribe.features.audio;

import java.util.Arrays;

/** A growing buffer of mono samples, each the mean of a frame's channels, for the decoders that produce frames in pieces. */
final class MonoSamples {
    private float[] samples = new float[1 << 16];
    private int count;

    /** Appends {@code frames} interleaved frames of 16-bit samples. */
    void addInterleaved(short[] pcm, int frames, int channels) {
        ensure(frames);
        for (int f = 0, p = 0; f < frames; f++) {
            float sum = 0;
            for (int c = 0; c < channels; c++) sum += pcm[p++];
            samples[count++] = sum / (channels * 32768f);
        }
    }

    /** Appends {@code frames} frames from per-channel float arrays, each starting at its own offset. */
    void addPlanar(float[][] channels, int[] offsets, int frames) {
        ensure(frames);
        for (int f = 0; f < frames; f++) {
            float sum = 0;
            for (int c = 0; c < channels.length; c++) sum += channels[c][offsets[c] + f];
            samples[count++] = Math.max(-1f, Math.min(1f, sum / channels.length));
        }
    }

    int count() {
        return count;
    }

    Audio audio(int rate, String name) {
        if (count == 0) throw new AudioFormatException(name + ": no audio samples");
        return new Audio(Arrays.copyOf(samples, count), rate);
    }

    private void ensure(int more) {
        if (count + more > samples.length) samples = Arrays.copyOf(samples, Math.max(2 * samples.length, count + more));
    }
}
