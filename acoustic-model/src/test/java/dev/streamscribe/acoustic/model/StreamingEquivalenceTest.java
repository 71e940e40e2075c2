package dev.streamscribe.acoustic.model;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ARCHITECTURE.md §5: running a stream in chunks with carried state gives the log-probs of one pass (within 1e-4). */
class StreamingEquivalenceTest {
    private static AcousticModel model;

    @BeforeAll
    static void load() throws Exception {
        model = AcousticModel.loadDefault(2);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static float[][] features(int frames, long seed) {
        return RandomFeatures.of(frames, model.config().melBands(), new Random(seed));
    }

    private static List<float[]> run(float[][] x, Random chunking) {
        ModelStream s = new ModelStream(model.config());
        List<float[]> out = new ArrayList<>();
        int i = 0;
        while (i < x.length) {
            int n = chunking == null ? x.length : 1 + chunking.nextInt(40);
            out.addAll(List.of(s.accept(model, Arrays.copyOfRange(x, i, Math.min(x.length, i + n)))));
            i += n;
        }
        return out;
    }

    @Test
    void chunkedEqualsOnePass() {
        float[][] x = features(601, 1);
        List<float[]> whole = run(x, null);
        assertEquals(600 / model.config().stride(), whole.size());
        for (long seed = 0; seed < 3; seed++) {
            List<float[]> chunked = run(x, new Random(seed));
            assertEquals(whole.size(), chunked.size());
            double maxDiff = 0;
            for (int t = 0; t < whole.size(); t++) {
                for (int c = 0; c < whole.get(t).length; c++) maxDiff = Math.max(maxDiff, Math.abs(whole.get(t)[c] - chunked.get(t)[c]));
            }
            assertTrue(maxDiff < 1e-4, "max abs difference " + maxDiff);
        }
    }

    @Test
    void batchedStreamsEqualSeparateRuns() {
        float[][] a = features(90, 2);
        float[][] b = features(90, 3);
        List<AcousticModel.Response> both = model.step(List.of(
                new AcousticModel.Request(a, ModelState.initial(model.config())),
                new AcousticModel.Request(b, ModelState.initial(model.config()))));
        float[][] alone = model.step(List.of(new AcousticModel.Request(b, ModelState.initial(model.config())))).get(0).logProbs();
        for (int t = 0; t < alone.length; t++) {
            for (int c = 0; c < alone[t].length; c++) assertEquals(alone[t][c], both.get(1).logProbs()[t][c], 1e-4);
        }
    }

    @Test
    void batchedStreamsOfUnequalLengthsEqualSeparateRuns() {
        int[] lengths = {9, 12, 3, 12, 30, 9};
        List<AcousticModel.Request> requests = new ArrayList<>();
        for (int i = 0; i < lengths.length; i++) {
            requests.add(new AcousticModel.Request(features(lengths[i], 10 + i), ModelState.initial(model.config())));
        }
        List<AcousticModel.Response> batched = model.step(requests);
        for (int i = 0; i < lengths.length; i++) {
            AcousticModel.Response alone = model.step(List.of(requests.get(i))).get(0);
            AcousticModel.Response together = batched.get(i);
            assertEquals(lengths[i] / model.config().stride(), together.logProbs().length);
            for (int t = 0; t < alone.logProbs().length; t++) {
                for (int c = 0; c < alone.logProbs()[t].length; c++) assertEquals(alone.logProbs()[t][c], together.logProbs()[t][c], 1e-4);
            }
            for (int k = 0; k < alone.state().h().length; k++) {
                assertEquals(alone.state().h()[k], together.state().h()[k], 1e-4);
                assertEquals(alone.state().c()[k], together.state().c()[k], 1e-4);
            }
            assertEquals(Arrays.toString(alone.state().conv()), Arrays.toString(together.state().conv()),
                    "the conv state is the request's last frames");
        }
    }

    @Test
    void logProbsAreNormalised() {
        for (float[] frame : run(features(30, 4), null)) {
            double sum = 0;
            for (float v : frame) sum += Math.exp(v);
            assertEquals(1.0, sum, 1e-3);
        }
    }
}
