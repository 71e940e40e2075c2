package dev.streamscribe.features.frames;

import be.tarsos.dsp.util.fft.FFT;
import dev.streamscribe.features.io.FloatArrays;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Incremental log-mel framer. Frame i covers samples [i*hop, i*hop + window) of the stream, so a stream gives
 * the same frames however its audio is cut into chunks. Samples not yet covered by a whole window are kept as
 * the remainder, which is at most one window long.
 */
public final class LogMelFramer {
    private final FeatureConfig config;
    private final FFT fft;
    private final MelFilterBank filters;
    private final float[] window;
    private final float[] fftBuffer;
    private final float[] power;

    private float[] pending = new float[0];

    public LogMelFramer(FeatureConfig config) {
        this.config = config;
        this.fft = new FFT(config.fftSize());
        this.filters = new MelFilterBank(config);
        this.window = new float[config.windowSamples()];
        for (int i = 0; i < window.length; i++) {
            window[i] = (float) (0.5 - 0.5 * Math.cos(2 * Math.PI * i / window.length)); // periodic Hann
        }
        this.fftBuffer = new float[config.fftSize()];
        this.power = new float[config.fftSize() / 2 + 1];
    }

    public FeatureConfig config() {
        return config;
    }

    /** Samples at the model rate in; the frames completed by them out, each of {@code melBands} values. */
    public float[][] accept(float[] samples) {
        int hop = config.hopSamples();
        int win = config.windowSamples();
        int total = pending.length + samples.length;
        int frames = total < win ? 0 : (total - win) / hop + 1;
        float[][] out = new float[frames][];
        float[] buf = pending.length == 0 ? samples : concat(pending, samples);
        for (int f = 0; f < frames; f++) {
            out[f] = frame(buf, f * hop);
        }
        int consumed = frames * hop;
        pending = Arrays.copyOfRange(buf, Math.min(consumed, buf.length), buf.length);
        return out;
    }

    /** Samples held back for the next frame. */
    public int pendingSamples() {
        return pending.length;
    }

    private float[] frame(float[] buf, int start) {
        Arrays.fill(fftBuffer, 0f);
        for (int i = 0; i < window.length; i++) fftBuffer[i] = buf[start + i] * window[i];
        fft.forwardTransform(fftBuffer);
        // TarsosDSP packs a real FFT as [re0, reN/2, re1, im1, re2, im2, ...]
        int half = config.fftSize() / 2;
        power[0] = fftBuffer[0] * fftBuffer[0];
        power[half] = fftBuffer[1] * fftBuffer[1];
        for (int k = 1; k < half; k++) {
            float re = fftBuffer[2 * k];
            float im = fftBuffer[2 * k + 1];
            power[k] = re * re + im * im;
        }
        float[] mel = new float[config.melBands()];
        filters.apply(power, mel);
        for (int m = 0; m < mel.length; m++) mel[m] = (float) Math.log(mel[m] + config.logFloor());
        return mel;
    }

    private static float[] concat(float[] a, float[] b) {
        float[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    public void writeState(DataOutput out) throws IOException {
        out.writeInt(pending.length);
        FloatArrays.write(out, pending);
    }

    public void readState(DataInput in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n >= config.windowSamples()) throw new IOException("corrupt framer state: " + n + " pending samples");
        pending = new float[n];
        FloatArrays.read(in, pending);
    }
}
