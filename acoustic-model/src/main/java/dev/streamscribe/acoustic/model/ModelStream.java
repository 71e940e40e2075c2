package dev.streamscribe.acoustic.model;

import dev.streamscribe.features.io.FloatArrays;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * One stream's view of the model: frames in, log-probabilities out, with the network state carried between
 * calls. Frames that do not fill a whole stride wait for the next call, so any chunking gives the log-probs of
 * one pass. {@link #take} and {@link #complete} split a call in two so that many streams can share one batch;
 * {@link #queue} lets frames wait for a later call, so that streams whose audio came at different moments can
 * share one too.
 */
public final class ModelStream {
    /** A minute of frames: far more than a caller lets wait, a bound for a corrupt stored count. */
    public static final int MAX_QUEUED_FRAMES = 6000;

    private final ModelConfig config;
    private ModelState state;
    private float[][] pending = new float[0][];

    public ModelStream(ModelConfig config) {
        this.config = config;
        this.state = ModelState.initial(config);
    }

    /** Convenience for a stream that runs alone. */
    public float[][] accept(Inference model, float[][] frames) {
        AcousticModel.Request r = take(frames);
        if (r == null) return new float[0][];
        return complete(model.step(List.of(r)).get(0));
    }

    /** Queues frames; returns the request to run now, or null when there is less than a stride of frames. */
    public AcousticModel.Request take(float[][] frames) {
        queue(frames);
        return take();
    }

    /** Adds frames to those waiting for the next request. */
    public void queue(float[][] frames) {
        if (pending.length + frames.length > MAX_QUEUED_FRAMES) {
            throw new IllegalStateException("more than " + MAX_QUEUED_FRAMES + " frames queued: run the model more often");
        }
        if (frames.length > 0) pending = pending.length == 0 ? frames : concat(pending, frames);
    }

    /** The request for all queued whole strides, or null when there is less than a stride of frames. */
    public AcousticModel.Request take() {
        int usable = pending.length / config.stride() * config.stride();
        if (usable == 0) return null;
        float[][] all = pending;
        pending = Arrays.copyOfRange(all, usable, all.length);
        return new AcousticModel.Request(usable == all.length ? all : Arrays.copyOf(all, usable), state);
    }

    /** Frames queued and not yet run. */
    public int queuedFrames() {
        return pending.length;
    }

    /** Takes the outcome of the request returned by {@link #take}. */
    public float[][] complete(AcousticModel.Response response) {
        state = response.state();
        return response.logProbs();
    }

    private static float[][] concat(float[][] a, float[][] b) {
        float[][] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    public void writeState(DataOutput out) throws IOException {
        state.write(out);
        out.writeInt(pending.length);
        for (float[] f : pending) FloatArrays.write(out, f);
    }

    public void readState(DataInput in) throws IOException {
        state = ModelState.read(in, config);
        int n = in.readInt();
        if (n < 0 || n > MAX_QUEUED_FRAMES) throw new IOException("corrupt model state: " + n + " pending frames");
        pending = new float[n][config.melBands()];
        for (float[] f : pending) FloatArrays.read(in, f);
    }
}
