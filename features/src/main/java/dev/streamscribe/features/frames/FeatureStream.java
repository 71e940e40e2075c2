package dev.streamscribe.features.frames;

import dev.streamscribe.features.audio.Resampler;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * One stream's way from audio at its own rate to normalised log-mel frames: resampler, framer, normaliser.
 * Its state (resampler history and framer remainder) is small and serialisable, so a stream can move between
 * processes between any two chunks.
 */
public final class FeatureStream {
    private final Resampler resampler;
    private final LogMelFramer framer;
    private final Normalizer normalizer;

    public FeatureStream(int inputRate, FeatureConfig config, Normalizer normalizer) {
        this.resampler = new Resampler(inputRate, config.sampleRate());
        this.framer = new LogMelFramer(config);
        this.normalizer = normalizer;
    }

    public int inputRate() {
        return resampler.inRate();
    }

    public float[][] accept(float[] samples) {
        return normalise(framer.accept(resampler.accept(samples)));
    }

    /** End of stream: whatever the resampler still holds becomes frames. */
    public float[][] finish() {
        return normalise(framer.accept(resampler.flush()));
    }

    private float[][] normalise(float[][] frames) {
        normalizer.apply(frames);
        return frames;
    }

    public void writeState(DataOutput out) throws IOException {
        resampler.writeState(out);
        framer.writeState(out);
    }

    public void readState(DataInput in) throws IOException {
        resampler.readState(in);
        framer.readState(in);
    }
}
