package dev.streamscribe.acoustic.model;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Threads stepping their own streams through one batcher get what they would get from the model alone. */
class ModelBatcherTest {
    private static AcousticModel model;

    @BeforeAll
    static void load() throws Exception {
        model = AcousticModel.loadDefault(2);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static float[][] features(int frames, Random r) {
        return RandomFeatures.of(frames, model.config().melBands(), r);
    }

    @Test
    void concurrentStreamsGetTheirOwnLogProbs() throws Exception {
        int threads = 8;
        List<float[][]> audio = new ArrayList<>();
        Random r = new Random(5);
        for (int i = 0; i < threads; i++) audio.add(features(300, r));
        List<List<float[]>> direct = new ArrayList<>();
        for (float[][] x : audio) direct.add(chunked(model, x, new Random(audio.indexOf(x))));

        ExecutorService pool = Executors.newFixedThreadPool(threads);
        ModelBatcher batcher = new ModelBatcher(model, 4);
        try {
            List<Future<List<float[]>>> viaBatcher = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                float[][] x = audio.get(i);
                int seed = i;
                viaBatcher.add(pool.submit((Callable<List<float[]>>) () -> chunked(batcher, x, new Random(seed))));
            }
            for (int i = 0; i < threads; i++) {
                List<float[]> got = viaBatcher.get(i).get();
                assertEquals(direct.get(i).size(), got.size());
                for (int t = 0; t < got.size(); t++) {
                    for (int c = 0; c < got.get(t).length; c++) assertEquals(direct.get(i).get(t)[c], got.get(t)[c], 1e-4, "stream " + i);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** One stream's log-probs, fed in chunks of 1-40 frames as the pipeline's records would feed it. */
    private static List<float[]> chunked(Inference inference, float[][] x, Random chunking) {
        ModelStream s = new ModelStream(model.config());
        List<float[]> out = new ArrayList<>();
        for (int i = 0; i < x.length; ) {
            int n = 1 + chunking.nextInt(40);
            out.addAll(List.of(s.accept(inference, java.util.Arrays.copyOfRange(x, i, Math.min(x.length, i + n)))));
            i += n;
        }
        return out;
    }

    @Test
    void aFailingRequestFailsOnlyItsCaller() throws Exception {
        ModelState initial = ModelState.initial(model.config());
        Random r = new Random(6);
        ModelBatcher batcher = new ModelBatcher(model, 8);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<AcousticModel.Response>>> good = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                AcousticModel.Request ok = new AcousticModel.Request(features(9, r), initial);
                good.add(pool.submit(() -> batcher.step(List.of(ok))));
            }
            AcousticModel.Request bad = new AcousticModel.Request(features(4, r), initial); // not a multiple of the stride
            Future<?> failing = pool.submit(() -> batcher.step(List.of(bad)));
            for (Future<List<AcousticModel.Response>> f : good) assertEquals(3, f.get().get(0).logProbs().length);
            Exception e = assertThrows(Exception.class, failing::get);
            assertTrue(String.valueOf(e.getCause()).contains("stride"), String.valueOf(e.getCause()));
        } finally {
            pool.shutdownNow();
        }
    }
}
