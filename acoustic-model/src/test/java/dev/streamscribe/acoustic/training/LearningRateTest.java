package dev.streamscribe.acoustic.training;

import dev.streamscribe.acoustic.model.ModelConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LearningRateTest {
    private static Trainer trainer(long steps, long cycleStart) {
        Trainer.Settings d = Trainer.Settings.defaults(List.of(Path.of("manifest.jsonl")), Path.of("train"));
        return new Trainer(new Trainer.Settings(d.manifests(), d.outDir(), ModelConfig.DEFAULT, 16, 10000, steps, 1e-3,
                100, cycleStart, 1000, 400, 2, 7L, "lr", null, Trainer.Mix.ALL), System.out);
    }

    @Test
    void warmsUpThenDecaysToFivePercentOfThePeak() {
        Trainer t = trainer(10_000, 0);
        assertEquals(1e-5, t.learningRate(0), 1e-12);
        assertEquals(1e-3, t.learningRate(100), 1e-9);
        assertTrue(t.learningRate(5000) < t.learningRate(2000));
        assertEquals(5e-5, t.learningRate(10_000), 1e-12);
    }

    @Test
    void aLaterCycleStartIsAWarmRestartOverTheRemainingSteps() {
        Trainer first = trainer(10_000, 0);
        Trainer more = trainer(16_000, 10_000);
        assertEquals(first.learningRate(0), more.learningRate(10_000), 1e-12);
        assertEquals(1e-3, more.learningRate(10_100), 1e-9);
        assertEquals(first.learningRate(5050), more.learningRate(13_050), 1e-9); // half-way through both cosines
        assertEquals(5e-5, more.learningRate(16_000), 1e-12);
    }
}
