package dev.streamscribe.acoustic.training;

import dev.streamscribe.acoustic.model.Weights;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Adam with global-norm gradient clipping, on the Java side of the training step. */
public final class Adam {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;

    private final double clipNorm;
    private final List<float[]> m = new ArrayList<>();
    private final List<float[]> v = new ArrayList<>();
    private long step;

    /** Zero moments for weights shaped like {@code shapeOf}, at optimiser step {@code step}. */
    public Adam(Weights shapeOf, double clipNorm, long step) {
        this.clipNorm = clipNorm;
        this.step = step;
        for (Weights.Parameter p : shapeOf.parameters()) {
            m.add(new float[p.values().length]);
            v.add(new float[p.values().length]);
        }
    }

    public long step() {
        return step;
    }

    /** Updates the weights in place; returns the gradient norm before clipping. */
    public double apply(Weights w, List<float[]> grads, double learningRate) {
        double sq = 0;
        for (float[] g : grads) for (float x : g) sq += (double) x * x;
        double norm = Math.sqrt(sq);
        if (!Double.isFinite(norm)) return norm; // a bad batch is skipped rather than poisoning the weights
        double scale = norm > clipNorm ? clipNorm / norm : 1.0;
        step++;
        double c1 = 1 - Math.pow(BETA1, step);
        double c2 = 1 - Math.pow(BETA2, step);
        double lr = learningRate * Math.sqrt(c2) / c1;
        List<Weights.Parameter> ps = w.parameters();
        for (int k = 0; k < ps.size(); k++) {
            float[] x = ps.get(k).values();
            float[] g = grads.get(k);
            float[] mk = m.get(k);
            float[] vk = v.get(k);
            for (int i = 0; i < x.length; i++) {
                double gi = g[i] * scale;
                mk[i] = (float) (BETA1 * mk[i] + (1 - BETA1) * gi);
                vk[i] = (float) (BETA2 * vk[i] + (1 - BETA2) * gi * gi);
                x[i] -= (float) (lr * mk[i] / (Math.sqrt(vk[i]) + EPSILON));
            }
        }
        return norm;
    }

    /** This optimiser carried into a wider network ({@link Widening}): moments move with their weights, new ones start at zero. */
    Adam widened(Weights wider, List<int[]> positions) {
        Adam a = new Adam(wider, clipNorm, step);
        for (int k = 0; k < positions.size(); k++) {
            int[] where = positions.get(k);
            for (int i = 0; i < where.length; i++) {
                a.m.get(k)[where[i]] = m.get(k)[i];
                a.v.get(k)[where[i]] = v.get(k)[i];
            }
        }
        return a;
    }

    public void write(DataOutputStream out) throws IOException {
        out.writeLong(step);
        for (List<float[]> moments : List.of(m, v)) for (float[] a : moments) for (float f : a) out.writeFloat(f);
    }

    public void read(DataInputStream in) throws IOException {
        step = in.readLong();
        for (List<float[]> moments : List.of(m, v)) for (float[] a : moments) for (int i = 0; i < a.length; i++) a[i] = in.readFloat();
    }
}
