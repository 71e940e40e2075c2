package dev.streamscribe.acoustic.training;

import dev.streamscribe.acoustic.corpus.Augmentation;
import dev.streamscribe.acoustic.corpus.Engine;
import dev.streamscribe.acoustic.corpus.Manifest;
import dev.streamscribe.acoustic.corpus.ManifestEntry;
import dev.streamscribe.acoustic.corpus.Renderer;
import dev.streamscribe.acoustic.corpus.Voice;
import dev.streamscribe.acoustic.model.AcousticModel;
import dev.streamscribe.acoustic.model.ModelConfig;
import dev.streamscribe.acoustic.model.ModelMeta;
import dev.streamscribe.acoustic.model.ModelStream;
import dev.streamscribe.features.audio.Audio;
import dev.streamscribe.features.audio.WavWriter;
import dev.streamscribe.features.frames.FeatureStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whole training path on a tiny synthesised corpus: render, train a few steps, export, reload, decode. */
class TrainingSmokeTest {
    @Test
    void tinyCorpusTrainsExportsAndReloads(@TempDir Path dir) throws Exception {
        Path corpus = dir.resolve("corpus");
        Files.createDirectories(corpus.resolve("wav"));
        Renderer renderer = new Renderer(Files.createTempDirectory(dir, "tmp"), List.of());
        List<String> sentences = List.of("open the door", "close the window please");
        List<Voice> voices = List.of(new Voice(Engine.ESPEAK_NG, "en-us", 160, 50), new Voice(Engine.ESPEAK_NG, "en-gb+m3", 150, 40),
                new Voice(Engine.ESPEAK_NG, "en-us+f2", 170, 60));
        int n = 0;
        try (Manifest.Appender m = new Manifest.Appender(corpus.resolve("manifest.jsonl"))) {
            for (String s : sentences) {
                for (Voice v : voices) {
                    String id = "u" + n++;
                    Audio a = renderer.render(s, v, Augmentation.NONE, n);
                    WavWriter.write(a, corpus.resolve("wav/" + id + ".wav"));
                    // the last rendering doubles as dev so that evaluation has something to decode
                    String split = n == sentences.size() * voices.size() ? ManifestEntry.DEV : ManifestEntry.TRAIN;
                    m.append(ManifestEntry.synthesised(id, "wav/" + id + ".wav", s, v.label(), "none", a.durationMs(), split, "test"));
                }
            }
        }
        ModelConfig small = new ModelConfig(80, 3, 32, 1, 48, 29);
        Trainer.Settings d = Trainer.Settings.defaults(List.of(corpus.resolve("manifest.jsonl")), dir.resolve("train"));
        Trainer.Settings s = new Trainer.Settings(d.manifests(), d.outDir(), small, 5, d.maxBatchFrames(), 60, 5e-3, 5, 0,
                30, 10, 2, 1, "smoke", null, Trainer.Mix.ALL);
        Map<String, Object> metrics = new Trainer(s, System.out).run();

        double first = (double) metrics.get("firstTrainLoss");
        double recent = (double) metrics.get("recentTrainLoss");
        assertTrue(recent < 0.6 * first, "loss went from " + first + " to " + recent);

        try (AcousticModel model = AcousticModel.load(dir.resolve("train/model"), 1)) {
            assertEquals("smoke", model.meta().name());
            assertEquals(small, model.config());
            Audio a = dev.streamscribe.features.audio.WavReader.read(corpus.resolve("wav/u0.wav"));
            FeatureStream fs = new FeatureStream(a.sampleRate(), model.meta().features(), model.meta().normalizer());
            float[][] logProbs = new ModelStream(model.config()).accept(model, fs.accept(a.samples()));
            assertTrue(logProbs.length > 10);
            assertNotNull(Trainer.greedy(new float[][][] {logProbs}, 0, logProbs.length));
        }

        // resuming the checkpoint as a network of another shape would fail deep in TensorFlow: refused up front
        Trainer.Settings wider = new Trainer.Settings(d.manifests(), d.outDir(), new ModelConfig(80, 3, 32, 1, 64, 29),
                5, d.maxBatchFrames(), 90, 5e-3, 5, 0, 30, 10, 2, 1, "smoke", null, Trainer.Mix.ALL);
        IOException refused = assertThrows(IOException.class, () -> new Trainer(wider, System.out).run());
        assertTrue(refused.getMessage().contains("another shape"), refused.getMessage());

        // ... but it can start a wider network, which goes on from what the narrow one learnt instead of from scratch
        Trainer.Settings widened = new Trainer.Settings(d.manifests(), dir.resolve("train-wide"),
                new ModelConfig(80, 3, 40, 1, 64, 29), 5, d.maxBatchFrames(), 80, 5e-3, 5, 60, 30, 10, 2, 1, "smoke",
                d.outDir().resolve("checkpoint.bin"), Trainer.Mix.ALL);
        Map<String, Object> wide = new Trainer(widened, System.out).run();
        double wideFirst = (double) wide.get("firstTrainLoss");
        assertTrue(wideFirst < 0.6 * first, "the widened network started at loss " + wideFirst + ", a new one at " + first);
        try (AcousticModel model = AcousticModel.load(dir.resolve("train-wide/model"), 1)) {
            assertEquals(widened.model(), model.config());
        }

        // with no shape asked for, a run goes on with that of the checkpoint it resumes, else of the model it starts from
        Path fresh = dir.resolve("train-new");
        assertEquals(small, Trainer.shapeToGoOn(d.outDir(), dir.resolve("train-wide/model")));
        assertEquals(widened.model(), Trainer.shapeToGoOn(fresh, dir.resolve("train-wide/model")));
        assertEquals(widened.model(), Trainer.shapeToGoOn(fresh, dir.resolve("train-wide/checkpoint.bin")));
        assertEquals(ModelConfig.DEFAULT, Trainer.shapeToGoOn(fresh, null));

        // an exported model directory (all a shipped model has) is a start too, at the step it was exported at; and a
        // run may train on several corpora at once, whose utterance ids may be the same (here: a copy of the corpus)
        Path copy = dir.resolve("corpus-copy");
        try (var files = Files.walk(corpus)) {
            for (Path f : files.toList()) Files.copy(f, copy.resolve(corpus.relativize(f).toString()));
        }
        List<Path> both = List.of(corpus.resolve("manifest.jsonl"), copy.resolve("manifest.jsonl"));
        Trainer.Settings fineTuned = new Trainer.Settings(both, dir.resolve("train-tuned"), small, 5, d.maxBatchFrames(),
                70, 5e-3, 5, 60, 30, 10, 2, 1, "smoke", d.outDir().resolve("model"), Trainer.Mix.ALL);
        Map<String, Object> tuned = new Trainer(fineTuned, System.out).run();
        double tunedFirst = (double) tuned.get("firstTrainLoss");
        assertTrue(tunedFirst < 0.6 * first, "the network started from the export at loss " + tunedFirst + ", a new one at " + first);
        assertEquals(2 * trainUtterances(dir.resolve("train/model")), trainUtterances(dir.resolve("train-tuned/model")));
    }

    private static int trainUtterances(Path model) throws IOException {
        return ((Number) ModelMeta.read(model.resolve("meta.json")).training().get("trainUtterances")).intValue();
    }
}
