package dev.streamscribe.acoustic.training;

import dev.streamscribe.acoustic.model.ModelConfig;
import dev.streamscribe.acoustic.model.Weights;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The BlockLSTM gradient is registered by this project, so it is checked against finite differences of the
 * CTC loss, for a weight of every parameter tensor.
 */
class GradientCheckTest {
    @Test
    void analyticGradientsMatchFiniteDifferences() {
        ModelConfig c = new ModelConfig(6, 2, 5, 2, 4, 29);
        Weights w = Weights.initial(c, 3);
        Random r = new Random(9);
        float[][][] x = new float[2][12][6];
        for (float[][] a : x) for (float[] f : a) for (int i = 0; i < f.length; i++) f[i] = (float) r.nextGaussian();
        int[][] labels = {{2, 3, 1, 4}, {5, 5}};
        int[] frames = {12, 10};
        try (TrainingGraph g = new TrainingGraph(c, 1)) {
            List<float[]> grads = g.step(w, x, labels, frames).gradients();
            List<Weights.Parameter> ps = w.parameters();
            for (int k = 0; k < ps.size(); k++) {
                float[] v = ps.get(k).values();
                for (int probe = 0; probe < 3; probe++) {
                    int i = r.nextInt(v.length);
                    float orig = v[i];
                    double eps = 1e-2;
                    v[i] = (float) (orig + eps);
                    double up = g.evaluate(w, x, labels, frames).meanLoss();
                    v[i] = (float) (orig - eps);
                    double down = g.evaluate(w, x, labels, frames).meanLoss();
                    v[i] = orig;
                    double numeric = (up - down) / (2 * eps);
                    assertEquals(numeric, grads.get(k)[i], 2e-3 + 0.03 * Math.abs(numeric),
                            ps.get(k).name() + "[" + i + "]");
                }
            }
        }
    }
}
