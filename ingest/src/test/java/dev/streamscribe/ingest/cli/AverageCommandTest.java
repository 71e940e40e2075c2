package dev.streamscribe.ingest.cli;

import dev.streamscribe.acoustic.model.AcousticModel;
import dev.streamscribe.acoustic.model.ModelMeta;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AverageCommandTest {
    private static final Path MODELS = Path.of("../acoustic-model/src/main/resources/models");
    private static final String DEFAULT = AcousticModel.BUNDLED.get(0);

    @Test
    void theAverageIsAModelThatLoads(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("soup");
        String model = MODELS.resolve(DEFAULT).toString();
        CliRun r = CliRun.of("average", "--out", out.toString(), "--model-name", "soup", model, model);
        assertEquals(0, r.exitCode(), r.stderr());
        ModelMeta meta = ModelMeta.read(out.resolve("meta.json"));
        assertEquals("soup", meta.name());
        assertEquals(List.of(DEFAULT, DEFAULT), meta.training().get("averageOf"));
        try (AcousticModel m = AcousticModel.load(out, 1)) {
            assertEquals(meta.model(), m.meta().model());
        }
    }

    @Test
    void modelsOfDifferentShapesAreRefusedWithTheReason(@TempDir Path dir) {
        Path out = dir.resolve("soup");
        CliRun r = CliRun.of("average", "--out", out.toString(), MODELS.resolve(DEFAULT).toString(),
                MODELS.resolve("en-conv-lstm-v1").toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.stderr().contains("cannot average") && r.stderr().contains("network"), r.stderr());
        assertFalse(Files.exists(out));
    }

    @Test
    void oneModelIsAUsageError(@TempDir Path dir) {
        CliRun r = CliRun.of("average", "--out", dir.resolve("soup").toString(), MODELS.resolve(DEFAULT).toString());
        assertEquals(2, r.exitCode());
        assertEquals("asr average: give two model directories or more to average\n", r.stderr());
    }
}
