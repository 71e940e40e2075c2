package dev.streamscribe.acoustic.model;

import dev.streamscribe.features.frames.FeatureConfig;
import dev.streamscribe.features.frames.Normalizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ModelExporterTest {
    @Test
    void weightsReadBackAsTheyWereExported(@TempDir Path dir) throws Exception {
        // two LSTM layers of equal width: the biases of both have one shape, so only their order tells them apart
        ModelConfig c = new ModelConfig(80, 3, 16, 2, 16, 29);
        Weights w = Weights.initial(c, 3);
        for (Weights.Parameter p : w.parameters()) {
            for (int i = 0; i < p.values().length; i++) p.values()[i] += p.name().hashCode() % 97 * 1e-3f;
        }
        ModelExporter.export(w, ModelMeta.of("t", FeatureConfig.DEFAULT, c, Normalizer.identity(80), Map.of(), Map.of()), dir);

        Weights back = ModelExporter.weights(dir, c);
        assertEquals(w.parameters().size(), back.parameters().size());
        for (Weights.Parameter p : w.parameters()) {
            assertArrayEquals(p.shape(), back.get(p.name()).shape(), p.name());
            assertWithinHalfAStep(p, back.get(p.name()).values());
        }
    }

    @Test
    void aHalfPrecisionExportOfEarlierVersionsReadsAndStoresAgain(@TempDir Path dir) throws Exception {
        Path v6 = Path.of("src/main/resources/models/en-conv-lstm-v6");
        ModelMeta meta = ModelMeta.read(v6.resolve("meta.json"));
        Weights half = ModelExporter.weights(v6, meta.model());
        assertEquals(2_300_061, half.parameters().stream().mapToInt(p -> p.values().length).sum());
        ModelExporter.export(half, meta, dir);

        Weights back = ModelExporter.weights(dir, meta.model());
        for (Weights.Parameter p : half.parameters()) assertWithinHalfAStep(p, back.get(p.name()).values());
    }

    /** Stored in 255 steps between the parameter's extremes: each value read back is off by at most half a step. */
    static void assertWithinHalfAStep(Weights.Parameter p, float[] read) {
        float min = Float.MAX_VALUE, max = -Float.MAX_VALUE;
        for (float v : p.values()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        float halfStep = (max - min) / 255 / 2;
        assertEquals(p.values().length, read.length, p.name());
        for (int i = 0; i < read.length; i++) assertEquals(p.values()[i], read[i], halfStep * 1.001f + 1e-7, p.name());
    }
}
