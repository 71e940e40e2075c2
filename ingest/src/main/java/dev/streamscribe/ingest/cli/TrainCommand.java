package dev.streamscribe.ingest.cli;

import dev.streamscribe.acoustic.corpus.CorpusGenerator;
import dev.streamscribe.acoustic.corpus.ManifestEntry;
import dev.streamscribe.acoustic.corpus.PromptSources;
import dev.streamscribe.acoustic.model.AcousticModel;
import dev.streamscribe.acoustic.model.ModelConfig;
import dev.streamscribe.acoustic.training.Trainer;
import dev.streamscribe.decoder.lm.NgramBuilder;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

/**
 * {@code ./asr train}: trains the acoustic model on a corpus manifest (resuming from its checkpoint) and builds
 * the word trigram LM from the training prompts.
 */
final class TrainCommand implements Command {
    /** The language model leaves out the corpus's dev sentences, so it has to split the text as the corpus did. */
    private static final double LM_DEV_FRACTION = CorpusGenerator.Settings.defaults(Path.of("data/corpus")).devFraction();

    @Override
    public String name() {
        return "train";
    }

    @Override
    public String summary() {
        return "train the acoustic model (CTC) and build the language model";
    }

    @Override
    public String usage() {
        Trainer.Settings d = Trainer.Settings.defaults(List.of(Path.of("data/corpus/manifest.jsonl")), Path.of("data/train"));
        return "usage: ./asr train [options]\n"
                + "  --corpus-dir DIR     corpus made by ./asr corpus (default data/corpus); a comma-separated list trains on\n"
                + "                       several as one, the dev set taken from the first\n"
                + "  --train-dir DIR      checkpoints, exported model (DIR/model) and LM (DIR/lm.arpa.gz) (default data/train)\n"
                + "  --steps N            total optimiser steps (default " + d.steps() + ")\n"
                + "  --batch-size N       utterances per batch (default " + d.batchSize() + ")\n"
                + "  --degraded-share X   the most of each pass that noisy, reverberant or telephone-band utterances make up;\n"
                + "                       the rest sit the pass out, a fresh draw each pass (default " + d.mix().degradedShare() + ": all)\n"
                + "  --recorded-share X   the least of each pass that recorded speech (./asr corpus import) makes up:\n"
                + "                       synthesised utterances sit out to make room (default " + d.mix().recordedShare() + ": as it comes)\n"
                + "  --commercial-only    leave out recorded sources whose licence is non-commercial (uqm: CC-BY-NC-SA)\n"
                + "  --learning-rate X    peak Adam learning rate (default " + d.learningRate() + ")\n"
                + "  --cycle-start N      step where the warm-up and cosine decay begin (default 0); to train a finished\n"
                + "                       model on, rerun with --cycle-start at its step and a larger --steps\n"
                + "  --eval-every N       dev evaluation, checkpoint and export every N steps (default " + d.evalEvery() + ")\n"
                + "  --conv-channels N    convolution channels (default " + d.model().convChannels() + ")\n"
                + "  --lstm-layers N      LSTM layers (default " + d.model().lstmLayers() + ")\n"
                + "  --lstm-units N       units per LSTM layer (default " + d.model().lstmUnits() + ");\n"
                + "                       the three default to the shape of the checkpoint resumed or the model started from\n"
                + "  --start-from PATH    start a new model from a trained one instead of from scratch: its checkpoint.bin\n"
                + "                       (weights and optimiser state) or an exported model directory, such as the shipped\n"
                + "                       acoustic-model/src/main/resources/models/" + AcousticModel.BUNDLED.get(0) + " (weights; the optimiser\n"
                + "                       starts afresh). A larger shape above widens it, the new units starting silent.\n"
                + "                       Use with --cycle-start at its step and a larger --steps\n"
                + "  --model-name NAME    name written to the exported meta.json (default " + d.modelName() + ")\n"
                + "  --threads N          TensorFlow threads (default: all cores)\n"
                + "  --lm-only            build only the language model\n"
                + "  --lm-exclude S[,S]   text sources the language model leaves out (of " + String.join(", ", PromptSources.DEFAULT_SOURCES) + ")\n"
                + "  --dev-fraction X     the language model leaves out the sentences a corpus made with this --dev-fraction\n"
                + "                       holds out as dev (default " + LM_DEV_FRACTION + ", as ./asr corpus)\n"
                + "A rerun resumes from DIR/checkpoint.bin.";
    }

    @Override
    public int run(Options o) throws Exception {
        List<Path> manifests = Arrays.stream(o.get("corpus-dir", "data/corpus").split(","))
                .map(dir -> Path.of(dir.trim()).resolve("manifest.jsonl")).toList();
        Path trainDir = Path.of(o.get("train-dir", "data/train"));
        Set<String> lmExcluded = lmExclude(o); // checked first: a typo should not surface after hours of training
        if (!o.flag("lm-only")) {
            for (Path manifest : manifests) {
                if (!Files.exists(manifest)) throw new UsageException(manifest + " does not exist; run ./asr corpus first");
            }
            Trainer.Settings d = Trainer.Settings.defaults(manifests, trainDir);
            Path startFrom = o.has("start-from") ? Path.of(o.get("start-from", null)) : null;
            if (startFrom != null && !Files.isRegularFile(startFrom) && !Files.isRegularFile(startFrom.resolve("meta.json"))) {
                throw new UsageException("--start-from " + startFrom + ": neither a checkpoint file nor a model directory");
            }
            ModelConfig goingOn = Trainer.shapeToGoOn(trainDir, startFrom);
            ModelConfig shape = new ModelConfig(goingOn.melBands(), goingOn.stride(),
                    o.getInt("conv-channels", goingOn.convChannels()), o.getInt("lstm-layers", goingOn.lstmLayers()),
                    o.getInt("lstm-units", goingOn.lstmUnits()), goingOn.classes());
            Trainer.Settings s = new Trainer.Settings(manifests, trainDir, shape, o.getInt("batch-size", d.batchSize()),
                    d.maxBatchFrames(), o.getInt("steps", (int) d.steps()), o.getDouble("learning-rate", d.learningRate()),
                    d.warmupSteps(), o.getInt("cycle-start", (int) d.cycleStart()), o.getInt("eval-every", d.evalEvery()),
                    d.devLimit(), o.getInt("threads", d.threads()), d.seed(), o.get("model-name", d.modelName()),
                    startFrom, mix(o, d.mix()));
            Map<String, Object> metrics = new Trainer(s, System.out).run();
            System.out.println("train: model exported to " + trainDir.resolve("model") + " " + metrics);
        }
        buildLm(trainDir.resolve("lm.arpa.gz"), o.getDouble("dev-fraction", LM_DEV_FRACTION), lmExcluded);
        return 0;
    }

    private static Trainer.Mix mix(Options o, Trainer.Mix defaults) {
        try {
            return new Trainer.Mix(o.getDouble("degraded-share", defaults.degradedShare()),
                    o.getDouble("recorded-share", defaults.recordedShare()), o.flag("commercial-only"));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static Set<String> lmExclude(Options o) {
        try {
            return Set.copyOf(PromptSources.parse(o.get("lm-exclude", "")));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--lm-exclude: " + e.getMessage());
        }
    }

    /** Trigram LM over every prompt of the default text sources, but {@code excluded}, on the train side of the sentence split. */
    private static void buildLm(Path out, double devFraction, Set<String> excluded) throws Exception {
        // Trigrams seen once are mostly noise and would make the shipped LM several times larger.
        NgramBuilder lm = new NgramBuilder(3).minCount(3, 2);
        int n = 0;
        List<String> sources = PromptSources.DEFAULT_SOURCES.stream().filter(s -> !excluded.contains(s)).toList();
        for (PromptSources.Prompt p : new PromptSources(1, 40, sources).all()) {
            if (ManifestEntry.TRAIN.equals(PromptSources.split(p.text(), devFraction))) {
                lm.add(p.text());
                n++;
            }
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        try (Writer w = new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(out)), StandardCharsets.UTF_8)) {
            lm.writeArpa(w);
        }
        System.out.printf("train: language model of %d sentences written to %s%n", n, out);
    }
}
