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
            float[] read = back.get(p.name()).values();
            // stored in half precision: 11 significant bits
            for (int i = 0; i < read.length; i++) assertEquals(p.values()[i], read[i], Math.abs(p.values()[i]) / 1024 + 1e-7, p.name());
        }
    }
}
