package dev.streamscribe.features.audio;

import dev.streamscribe.features.io.FloatArrays;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Streaming band-limited resampler (windowed sinc, polyphase table). Output sample n is a fixed function of the
 * input samples around time n * inRate / outRate, so the output does not depend on how the input is cut into
 * chunks. It lags by {@link #HALF_TAPS} input samples; {@link #flush()} pads the end with silence.
 */
public final class Resampler {
    /** Zero crossings of the sinc on each side of the centre. */
    static final int HALF_TAPS = 16;

    private final int inRate;
    private final int outRate;
    private final int up;      // L: output samples per period
    private final int down;    // M: input samples per period
    private final int halfWidth;
    private final float[][] phases;

    /** Absolute index of history[0] in the input stream. */
    private long historyStart;
    private float[] history = new float[0];
    /** Absolute index of the next output sample. */
    private long nextOut;
    private long inCount;

    public Resampler(int inRate, int outRate) {
        if (inRate <= 0 || outRate <= 0) throw new IllegalArgumentException("rates must be positive");
        this.inRate = inRate;
        this.outRate = outRate;
        int g = gcd(inRate, outRate);
        this.up = outRate / g;
        this.down = inRate / g;
        double cutoff = 0.5 * Math.min(1.0, (double) outRate / inRate) * 0.94; // cycles per input sample
        this.halfWidth = inRate == outRate ? 0 : (int) Math.ceil(HALF_TAPS / (2 * cutoff));
        this.phases = inRate == outRate ? null : buildTable(cutoff);
    }

    public int inRate() {
        return inRate;
    }

    public int outRate() {
        return outRate;
    }

    private float[][] buildTable(double cutoff) {
        float[][] table = new float[up][2 * halfWidth];
        for (int p = 0; p < up; p++) {
            double frac = (double) p / up;
            for (int j = 0; j < 2 * halfWidth; j++) {
                // tap j multiplies input sample base - halfWidth + 1 + j; distance from the output instant:
                double x = frac + halfWidth - 1 - j;
                double w = Math.abs(x) >= halfWidth ? 0 : 0.5 + 0.5 * Math.cos(Math.PI * x / halfWidth);
                double s = x == 0 ? 1 : Math.sin(2 * Math.PI * cutoff * x) / (2 * Math.PI * cutoff * x);
                table[p][j] = (float) (2 * cutoff * s * w);
            }
        }
        return table;
    }

    /** Feeds input samples and returns the output samples that became computable. */
    public float[] accept(float[] in) {
        if (phases == null) {
            inCount += in.length;
            nextOut += in.length;
            return in.clone();
        }
        float[] joined = Arrays.copyOf(history, history.length + in.length);
        System.arraycopy(in, 0, joined, history.length, in.length);
        history = joined;
        inCount += in.length;
        return drain();
    }

    /** Pads the end of the stream with silence so that every input sample reaches the output. */
    public float[] flush() {
        if (phases == null) return new float[0];
        float[] out = accept(new float[halfWidth]);
        inCount -= halfWidth; // padding is not input
        return out;
    }

    private float[] drain() {
        // output n needs input up to base(n) + halfWidth, where base(n) = floor(n * down / up)
        long lastNeeded = inCount - 1 - halfWidth;
        long count = 0;
        if (lastNeeded >= 0) {
            long limit = Math.floorDiv((lastNeeded + 1) * up - 1, down); // largest n with base(n) <= lastNeeded
            count = Math.max(0, limit - nextOut + 1);
        }
        float[] out = new float[(int) count];
        for (int i = 0; i < count; i++, nextOut++) {
            long num = nextOut * down;
            long base = Math.floorDiv(num, up);
            float[] taps = phases[(int) (num - base * up)];
            long first = base - halfWidth + 1;
            double acc = 0;
            for (int j = 0; j < taps.length; j++) {
                long k = first + j;
                if (k >= historyStart) acc += taps[j] * history[(int) (k - historyStart)];
            }
            out[i] = (float) acc;
        }
        long keepFrom = Math.max(historyStart, Math.floorDiv(nextOut * down, up) - halfWidth + 1);
        if (keepFrom > historyStart) {
            history = Arrays.copyOfRange(history, (int) (keepFrom - historyStart), history.length);
            historyStart = keepFrom;
        }
        return out;
    }

    public void writeState(DataOutput out) throws IOException {
        out.writeLong(historyStart);
        out.writeLong(nextOut);
        out.writeLong(inCount);
        out.writeInt(history.length);
        FloatArrays.write(out, history);
    }

    public void readState(DataInput in) throws IOException {
        historyStart = in.readLong();
        nextOut = in.readLong();
        inCount = in.readLong();
        int n = in.readInt();
        if (n < 0 || n > 4 * halfWidth + down + 8) throw new IOException("corrupt resampler state: history of " + n);
        history = new float[n];
        FloatArrays.read(in, history);
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
