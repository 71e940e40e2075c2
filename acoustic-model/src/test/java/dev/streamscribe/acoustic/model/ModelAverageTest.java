package dev.streamscribe.acoustic.model;

import dev.streamscribe.features.frames.FeatureConfig;
import dev.streamscribe.features.frames.Normalizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelAverageTest {
    private static final ModelConfig SMALL = new ModelConfig(80, 3, 16, 2, 16, 29);

    @Test
    void theAverageHoldsTheMeanOfEachParameter(@TempDir Path dir) throws Exception {
        Path a = export(dir.resolve("a"), SMALL, 1, Normalizer.identity(80));
        Path b = export(dir.resolve("b"), SMALL, 2, Normalizer.identity(80));
        Path c = export(dir.resolve("c"), SMALL, 3, Normalizer.identity(80));

        ModelMeta meta = ModelAverage.write(List.of(a, b, c), "soup", dir.resolve("soup"));

        assertEquals("soup", meta.name());
        assertEquals(List.of("a", "b", "c"), meta.training().get("averageOf"));
        Weights mean = ModelAverage.mean(List.of(read(a), read(b), read(c)));
        Weights back = read(dir.resolve("soup"));
        for (Weights.Parameter p : mean.parameters()) ModelExporterTest.assertWithinHalfAStep(p, back.get(p.name()).values());
        // seeds 1-3 start apart, so the mean is none of them
        float[] first = read(a).get("conv/w").values(), averaged = mean.get("conv/w").values();
        double apart = 0;
        for (int i = 0; i < first.length; i++) apart = Math.max(apart, Math.abs(first[i] - averaged[i]));
        assertTrue(apart > 1e-2, "the mean is as far from a as " + apart);
    }

    @Test
    void theAverageCarriesTheMostStepsAndEveryLicenceOfItsMembers() {
        FeatureConfig f = FeatureConfig.DEFAULT;
        Normalizer n = Normalizer.identity(80);
        ModelMeta base = ModelMeta.of("base", f, SMALL, n, Map.of("steps", 100), Map.of());
        ModelMeta tuned = ModelMeta.of("tuned", f, SMALL, n, Map.of("steps", 180, "licences", List.of("CC-BY-NC-SA-2.5")), Map.of());

        Map<String, Object> t = ModelAverage.training(List.of(base, tuned, tuned));

        assertEquals(List.of("base", "tuned", "tuned"), t.get("averageOf"));
        assertEquals(180L, t.get("steps"));
        assertEquals(List.of("CC-BY-NC-SA-2.5"), t.get("licences"));
        assertEquals(List.of(base.training(), tuned.training(), tuned.training()), t.get("members"));
    }

    @Test
    void modelsWithDifferentNormalisersAreNotAveraged(@TempDir Path dir) throws Exception {
        float[] mean = new float[80], std = new float[80];
        Arrays.fill(std, 2f);
        Path a = export(dir.resolve("a"), SMALL, 1, Normalizer.identity(80));
        Path b = export(dir.resolve("b"), SMALL, 2, new Normalizer(mean, std));

        IOException e = assertThrows(IOException.class, () -> ModelAverage.write(List.of(a, b), "x", dir.resolve("x")));
        assertTrue(e.getMessage().contains("normalisers differ"), e.getMessage());
    }

    @Test
    void modelsOfDifferentShapesAreNotAveraged(@TempDir Path dir) throws Exception {
        Path a = export(dir.resolve("a"), SMALL, 1, Normalizer.identity(80));
        Path b = export(dir.resolve("b"), new ModelConfig(80, 3, 16, 2, 24, 29), 2, Normalizer.identity(80));

        IOException e = assertThrows(IOException.class, () -> ModelAverage.write(List.of(a, b), "x", dir.resolve("x")));
        assertTrue(e.getMessage().contains("network"), e.getMessage());
    }

    private static Path export(Path dir, ModelConfig c, long seed, Normalizer n) throws IOException {
        ModelExporter.export(Weights.initial(c, seed), ModelMeta.of(dir.getFileName().toString(), FeatureConfig.DEFAULT, c, n,
                Map.of("steps", 1000L), Map.of()), dir);
        return dir;
    }

    private static Weights read(Path dir) throws IOException {
        return ModelExporter.weights(dir, ModelMeta.read(dir.resolve("meta.json")).model());
    }
}
