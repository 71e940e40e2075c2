package dev.streamscribe.acoustic.training;

import dev.streamscribe.acoustic.model.ModelConfig;
import dev.streamscribe.acoustic.model.Weights;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A widened network computes what the narrow one did. */
class WideningTest {
    private static final ModelConfig NARROW = new ModelConfig(80, 3, 16, 2, 8, 29);
    private static final ModelConfig WIDE = new ModelConfig(80, 3, 24, 2, 13, 29);

    /** Random weights and biases, so that a misplaced value anywhere shows in the output. */
    private static Weights trained(ModelConfig c) {
        Random r = new Random(3);
        return new Weights(Weights.initial(c, 1).parameters().stream().map(p -> {
            float[] v = p.values().clone();
            for (int i = 0; i < v.length; i++) v[i] += (float) (0.3 * r.nextGaussian());
            return p.withValues(v);
        }).toList());
    }

    /**
     * Log-probs [T', C] of one utterance from the float32 weights themselves (the graph the exporter and the trainer
     * share): an export stores 8-bit steps between each tensor's extremes, and the widened tensors have other extremes.
     */
    private static float[][] run(Weights w, ModelConfig c, float[][] frames) {
        try (TrainingGraph g = new TrainingGraph(c, 1)) {
            float[][][] lp = g.evaluate(w, new float[][][] {frames}, new int[][] {{1}}, new int[] {frames.length}).logProbs();
            float[][] out = new float[lp.length][];
            for (int t = 0; t < lp.length; t++) out[t] = lp[t][0];
            return out;
        }
    }

    @Test
    void widenedNetworkGivesTheSameLogProbs() {
        Weights narrow = trained(NARROW);
        Widening.Result wide = Widening.widen(narrow, NARROW, WIDE, 9);
        assertTrue(wide.weights().fit(WIDE));
        assertEquals(NARROW, Widening.shapeOf(narrow, WIDE));

        Random r = new Random(5);
        float[][] frames = new float[90][80];
        for (float[] f : frames) for (int i = 0; i < f.length; i++) f[i] = (float) r.nextGaussian();
        float[][] before = run(narrow, NARROW, frames);
        float[][] after = run(wide.weights(), WIDE, frames);
        assertEquals(before.length, after.length);
        double maxDiff = 0;
        for (int t = 0; t < before.length; t++) {
            for (int k = 0; k < before[t].length; k++) maxDiff = Math.max(maxDiff, Math.abs(before[t][k] - after[t][k]));
        }
        assertTrue(maxDiff < 1e-5, "max abs difference " + maxDiff);
    }

    @Test
    void newUnitsGetRandomInputsAndOptimiserStateMovesWithItsWeights() {
        Weights narrow = trained(NARROW);
        Widening.Result wide = Widening.widen(narrow, NARROW, WIDE, 9);
        // the new LSTM units' input weights (columns past the trained ones in the first gate) are not all zero
        float[] w0 = wide.weights().get("lstm0/w").values();
        double sum = 0;
        int rows = WIDE.convChannels() + WIDE.lstmUnits();
        int cols = 4 * WIDE.lstmUnits();
        for (int row = 0; row < rows; row++) {
            for (int c = NARROW.lstmUnits(); c < WIDE.lstmUnits(); c++) sum += Math.abs(w0[row * cols + c]);
        }
        assertTrue(sum > 0);

        Adam adam = new Adam(narrow, 5, 0);
        List<float[]> grads = narrow.parameters().stream().map(p -> {
            float[] g = new float[p.values().length];
            Arrays.fill(g, 0.01f);
            return g;
        }).toList();
        adam.apply(narrow, grads, 1e-3);
        Weights afterStep = new Weights(narrow.parameters());
        Widening.Result grown = Widening.widen(afterStep, NARROW, WIDE, 9);
        Adam widened = adam.widened(grown.weights(), grown.positions());
        assertEquals(1, widened.step());
        // a zero gradient on the wide network moves the old weights exactly as it moves the narrow ones
        Weights narrowCopy = new Weights(afterStep.parameters().stream().map(p -> p.withValues(p.values().clone())).toList());
        adam.apply(narrowCopy, zeros(narrowCopy), 1e-3);
        widened.apply(grown.weights(), zeros(grown.weights()), 1e-3);
        for (int k = 0; k < narrowCopy.parameters().size(); k++) {
            float[] n = narrowCopy.parameters().get(k).values();
            float[] w = grown.weights().parameters().get(k).values();
            int[] where = grown.positions().get(k);
            for (int i = 0; i < n.length; i++) assertEquals(n[i], w[where[i]], 1e-7f);
        }
    }

    private static List<float[]> zeros(Weights w) {
        return w.parameters().stream().map(p -> new float[p.values().length]).toList();
    }

    @Test
    void onlyChannelsAndUnitsGrow() {
        Weights narrow = trained(NARROW);
        assertThrows(IllegalArgumentException.class, () -> Widening.widen(narrow, NARROW, new ModelConfig(80, 3, 16, 3, 8, 29), 1));
        assertThrows(IllegalArgumentException.class, () -> Widening.widen(narrow, NARROW, new ModelConfig(80, 3, 8, 2, 8, 29), 1));
        assertThrows(IllegalArgumentException.class, () -> Widening.widen(narrow, WIDE, WIDE, 1));
    }
}
