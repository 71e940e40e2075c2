package dev.streamscribe.acoustic.training;

import dev.streamscribe.acoustic.corpus.Augmentation;
import dev.streamscribe.acoustic.corpus.Manifest;
import dev.streamscribe.acoustic.corpus.ManifestEntry;
import dev.streamscribe.acoustic.corpus.Progress;
import dev.streamscribe.acoustic.model.Alphabet;
import dev.streamscribe.acoustic.model.ModelConfig;
import dev.streamscribe.acoustic.model.ModelExporter;
import dev.streamscribe.acoustic.model.ModelMeta;
import dev.streamscribe.acoustic.model.Weights;
import dev.streamscribe.features.frames.FeatureConfig;
import dev.streamscribe.features.frames.Normalizer;
import dev.streamscribe.features.io.Directories;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * CTC training of the conv + LSTM model on a corpus manifest: length-bucketed batches, Adam with clipping, a
 * warm-up then cosine learning-rate schedule, SpecAugment-style masking, dev-set greedy CER/WER, checkpoints
 * with resume, and an export of the {@code stream_step} SavedModel at every evaluation. The manifest is read
 * again at each epoch, so training can start while the corpus is still being generated.
 */
public final class Trainer {

    /**
     * @param startFrom a trained model to start a new one from, or null: its checkpoint file, or an exported model
     *                  directory; a larger {@code model} shape widens it ({@link Widening})
     * @param mix       what each pass over the corpus is made of
     */
    public record Settings(List<Path> manifests, Path outDir, ModelConfig model, int batchSize, int maxBatchFrames,
                           long steps, double learningRate, int warmupSteps, long cycleStart, int evalEvery,
                           int devLimit, int threads, long seed, String modelName, Path startFrom, Mix mix) {
        public Settings {
            manifests = List.copyOf(manifests);
            if (manifests.isEmpty()) throw new IllegalArgumentException("no corpus to train on");
        }

        public static Settings defaults(List<Path> manifests, Path outDir) {
            return new Settings(manifests, outDir, ModelConfig.DEFAULT, 16, 10000, 16000, 1.5e-3, 400, 0, 1000, 400,
                    Runtime.getRuntime().availableProcessors(), 7L, "en-conv-lstm-custom", null, Mix.ALL);
        }
    }

    /**
     * What one pass over the corpus is made of, each pass a fresh draw.
     *
     * @param degradedShare the most of the synthesised utterances that degraded ones ({@link Augmentation#degrades})
     *                      make up; the others sit the pass out. 1 trains on every utterance, 0 on clean ones only
     * @param recordedShare the least of the pass that recorded speech makes up: every recorded utterance is in each
     *                      pass and synthesised ones sit out to make room. Recorded speech is a few hours beside tens
     *                      of synthesised ones; 0 leaves the proportions as they are
     * @param commercialOnly leave out sources whose licence forbids commercial use, so the model may be used commercially
     */
    public record Mix(double degradedShare, double recordedShare, boolean commercialOnly) {
        public static final Mix ALL = new Mix(1, 0, false);

        public Mix {
            if (!(degradedShare >= 0 && degradedShare <= 1)) {
                throw new IllegalArgumentException("the degraded share must be in [0, 1], got " + degradedShare);
            }
            if (!(recordedShare >= 0 && recordedShare < 1)) {
                throw new IllegalArgumentException("the recorded share must be in [0, 1), got " + recordedShare);
            }
        }
    }

    /** What a checkpoint holds: everything needed to go on training. */
    private record Checkpoint(Weights weights, Normalizer norm, Adam adam) {}

    private static final double CLIP_NORM = 5.0;
    private static final int NORMALISATION_SAMPLE = 3000;

    private final Settings s;
    private final PrintStream log;
    private final FeatureConfig features = FeatureConfig.DEFAULT;

    public Trainer(Settings settings, PrintStream log) {
        this.s = settings;
        this.log = log;
    }

    private Path checkpointFile() {
        return checkpointFile(s.outDir());
    }

    private static Path checkpointFile(Path outDir) {
        return outDir.resolve("checkpoint.bin");
    }

    /**
     * The shape a run in {@code outDir} goes on with when none is asked for: that of the checkpoint it resumes, else
     * that of the model it starts from ({@code startFrom}, may be null), else {@link ModelConfig#DEFAULT}. So resuming
     * or fine-tuning a wider model than the default takes no shape flags.
     */
    public static ModelConfig shapeToGoOn(Path outDir, Path startFrom) throws IOException {
        Path trained = Files.exists(checkpointFile(outDir)) ? checkpointFile(outDir) : startFrom;
        if (trained == null) return ModelConfig.DEFAULT;
        if (Files.isDirectory(trained)) return ModelMeta.read(trained.resolve("meta.json")).model();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(trained)))) {
            return Widening.shapeOf(Weights.read(in), ModelConfig.DEFAULT);
        }
    }

    public Path modelDir() {
        return s.outDir().resolve("model");
    }

    /** Trains until {@code steps}; returns the dev metrics of the last evaluation. */
    public Map<String, Object> run() throws IOException, InterruptedException {
        Files.createDirectories(s.outDir());
        List<Source> sources = new ArrayList<>();
        for (Path manifest : s.manifests()) {
            Path dir = manifest.toAbsolutePath().getParent();
            sources.add(new Source(manifest, dir, new FeatureCache(dir.resolve("features.cache"), features)));
        }
        Corpus corpus = load(sources);
        log.printf("train: %d train / %d dev utterances, %.2f h of training audio, %d of them degraded%n",
                corpus.train.size(), corpus.dev.size(), corpus.trainFrames() * features.hopMs() / 3.6e6,
                corpus.degradedCount());

        Checkpoint start;
        if (Files.exists(checkpointFile())) {
            start = read(checkpointFile());
            if (!start.weights().fit(s.model())) {
                throw new IOException(checkpointFile() + " holds a network of another shape than " + s.model()
                        + ": train it with the shape it was started with, or in another directory");
            }
            log.printf("train: resumed from %s at step %d%n", checkpointFile(), start.adam().step());
        } else if (s.startFrom() != null) {
            Checkpoint trained = Files.isDirectory(s.startFrom()) ? exported(s.startFrom()) : read(s.startFrom());
            ModelConfig from = Widening.shapeOf(trained.weights(), s.model());
            Widening.Result wide = Widening.widen(trained.weights(), from, s.model(), s.seed());
            start = new Checkpoint(wide.weights(), trained.norm(), trained.adam().widened(wide.weights(), wide.positions()));
            log.printf("train: started from %s (%s) at step %d%n", s.startFrom(), from, start.adam().step());
        } else {
            Weights initial = Weights.initial(s.model(), s.seed());
            start = new Checkpoint(initial, normaliser(corpus.train), new Adam(initial, CLIP_NORM, 0));
        }
        Weights weights = start.weights();
        Adam adam = start.adam();
        Normalizer norm = start.norm();
        log.printf("train: model %s, %,d parameters%n", s.model(), weights.count());

        Map<String, Object> metrics = Map.of();
        Random random = new Random(s.seed() + adam.step());
        long startStep = adam.step();
        Progress progress = new Progress(log, "steps", s.steps(), startStep);
        long started = System.nanoTime();
        LossLog losses = new LossLog();
        try (TrainingGraph graph = new TrainingGraph(s.model(), s.threads())) {
            while (adam.step() < s.steps()) {
                if (adam.step() > startStep) corpus = load(sources); // picks up utterances added since
                List<List<Utterance>> batches = batches(pass(corpus.train, corpus.degraded, corpus.recorded, s.mix(), random));
                Collections.shuffle(batches, random);
                for (List<Utterance> batch : batches) {
                    if (adam.step() >= s.steps()) break;
                    Batch b = Batch.of(batch, norm, s.model().stride(), random, true);
                    TrainingGraph.Result r = graph.step(weights, b.features, b.labels, b.frames);
                    double gnorm = adam.apply(weights, r.gradients(), learningRate(adam.step()));
                    losses.add(r.meanLoss());
                    long step = adam.step();
                    if (step % 25 == 0) {
                        progress.update(step, String.format(Locale.ROOT, "loss %.2f lr %.2e |g| %.1f",
                                losses.smoothed(), learningRate(step), gnorm));
                    }
                    if (step % s.evalEvery() == 0 || step == s.steps()) {
                        metrics = evaluate(graph, weights, norm, corpus.dev);
                        metrics.put("firstTrainLoss", losses.first());
                        metrics.put("recentTrainLoss", losses.recent());
                        if (corpus.dev.isEmpty()) {
                            log.printf("train: step %d, no dev utterances to evaluate on%n", step);
                        } else {
                            log.printf(Locale.ROOT, "train: step %d dev greedy CER %.2f%% WER %.2f%% loss %.2f%n", step,
                                    100 * (double) metrics.get("devCer"), 100 * (double) metrics.get("devWer"),
                                    (double) metrics.get("devLoss"));
                        }
                        checkpoint(weights, norm, adam);
                        export(weights, norm, corpus, metrics, step, (System.nanoTime() - started) / 1e9);
                    }
                }
            }
        }
        return metrics;
    }

    /**
     * The training loss as the progress line and the exported metrics show it; a non-finite batch loss (CTC on an
     * utterance it cannot align) is left out rather than poisoning the averages.
     */
    private static final class LossLog {
        private double smoothed = Double.NaN;
        private double first = Double.NaN;
        private final ArrayDeque<Double> recent = new ArrayDeque<>();

        void add(double loss) {
            if (!Double.isFinite(loss)) return;
            smoothed = Double.isNaN(smoothed) ? loss : 0.98 * smoothed + 0.02 * loss;
            if (Double.isNaN(first)) first = loss;
            recent.addLast(loss);
            if (recent.size() > 10) recent.removeFirst();
        }

        double smoothed() {
            return smoothed;
        }

        double first() {
            return first;
        }

        /** Mean of the last ten batches. */
        double recent() {
            return recent.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        }
    }

    /**
     * {@code degraded}, {@code recorded}: the ids of the training utterances whose channel is degraded, and of those
     * spoken by people; {@code licences}: those of the recorded sources.
     */
    private record Corpus(List<Utterance> train, List<Utterance> dev, int voices, Set<String> degraded,
                          Set<String> recorded, Set<String> licences) {
        long trainFrames() {
            return train.stream().mapToLong(Utterance::frameCount).sum();
        }

        long recordedFrames() {
            return train.stream().filter(u -> recorded.contains(u.id())).mapToLong(Utterance::frameCount).sum();
        }

        long degradedCount() {
            return train.stream().filter(u -> degraded.contains(u.id())).count();
        }
    }

    /** A corpus directory, its manifest and the feature cache beside it. */
    private record Source(Path manifest, Path dir, FeatureCache cache) {}

    /**
     * The corpora as one: their training utterances together, and the dev utterances of the first ones up to the
     * dev limit, so adding a corpus leaves the dev set of the first unchanged.
     */
    private Corpus load(List<Source> sources) throws IOException, InterruptedException {
        List<Utterance> train = new ArrayList<>();
        List<Utterance> dev = new ArrayList<>();
        Set<String> voices = new HashSet<>();
        Set<String> degraded = new HashSet<>();
        Set<String> recorded = new HashSet<>();
        Set<String> licences = new TreeSet<>();
        for (int i = 0; i < sources.size(); i++) {
            Source src = sources.get(i);
            // ids are unique within one corpus only
            String prefix = sources.size() == 1 ? "" : i + "/";
            List<ManifestEntry> entries = Manifest.read(src.manifest()).stream()
                    .filter(e -> !(s.mix().commercialOnly() && e.nonCommercial())).toList();
            List<ManifestEntry> trainEntries = entries.stream().filter(e -> e.split().equals(ManifestEntry.TRAIN)).toList();
            List<ManifestEntry> devEntries = entries.stream().filter(e -> e.split().equals(ManifestEntry.DEV))
                    .limit(s.devLimit() - dev.size()).toList();
            entries.forEach(e -> voices.add(e.voice().replaceAll("@.*", "")));
            trainEntries.stream().filter(e -> Augmentation.degrades(e.augmentation())).forEach(e -> degraded.add(prefix + e.id()));
            trainEntries.stream().filter(ManifestEntry::recorded).forEach(e -> {
                recorded.add(prefix + e.id());
                licences.add(e.licence());
            });
            train.addAll(renamed(prefix, trainable(src.cache().get(src.dir(), trainEntries, s.threads()))));
            dev.addAll(renamed(prefix, src.cache().get(src.dir(), devEntries, s.threads())));
        }
        return new Corpus(train, dev, voices.size(), degraded, recorded, licences);
    }

    private static List<Utterance> renamed(String prefix, List<Utterance> us) {
        if (prefix.isEmpty()) return us;
        return us.stream().map(u -> new Utterance(prefix + u.id(), u.frames(), u.frameCount(), u.labels(), u.text())).toList();
    }

    /**
     * One pass's utterances as {@code mix} asks: every recorded one, and synthesised ones drawn by
     * {@link #pass(List, Set, double, Random)}, then cut down at random to make room for the recorded share.
     */
    static List<Utterance> pass(List<Utterance> train, Set<String> degraded, Set<String> recordedIds, Mix mix, Random random) {
        List<Utterance> recorded = new ArrayList<>();
        List<Utterance> synthesised = new ArrayList<>();
        for (Utterance u : train) (recordedIds.contains(u.id()) ? recorded : synthesised).add(u);
        List<Utterance> out = new ArrayList<>(pass(synthesised, degraded, mix.degradedShare(), random));
        if (mix.recordedShare() > 0 && !recorded.isEmpty()) {
            long room = Math.round(recorded.size() * (1 - mix.recordedShare()) / mix.recordedShare());
            if (room < out.size()) {
                Collections.shuffle(out, random);
                out = new ArrayList<>(out.subList(0, (int) room));
            }
        }
        out.addAll(recorded);
        return out;
    }

    /**
     * One pass's utterances: every clean one, and as many of the degraded ones, drawn at random, as make them at most
     * {@code share} of the pass: a network too small to fit the whole corpus then spends more of itself on clean
     * speech, while drawing afresh each pass still shows it all of the degraded audio over several passes.
     */
    static List<Utterance> pass(List<Utterance> train, Set<String> degraded, double share, Random random) {
        if (share >= 1) return train;
        List<Utterance> clean = new ArrayList<>();
        List<Utterance> noisy = new ArrayList<>();
        for (Utterance u : train) (degraded.contains(u.id()) ? noisy : clean).add(u);
        long room = Math.round(clean.size() * share / (1 - share));
        if (room >= noisy.size()) return train;
        Collections.shuffle(noisy, random);
        clean.addAll(noisy.subList(0, (int) room));
        return clean;
    }

    /** CTC needs at least one output frame per label, plus one between repeated labels. */
    private List<Utterance> trainable(List<Utterance> us) {
        List<Utterance> out = new ArrayList<>();
        for (Utterance u : us) {
            int needed = u.labels().length;
            for (int i = 1; i < u.labels().length; i++) if (u.labels()[i] == u.labels()[i - 1]) needed++;
            if (needed <= u.frameCount() / s.model().stride() && u.frameCount() <= s.maxBatchFrames()) out.add(u);
        }
        return out;
    }

    private List<List<Utterance>> batches(List<Utterance> train) {
        List<Utterance> sorted = new ArrayList<>(train);
        sorted.sort(Comparator.comparingInt(Utterance::frameCount));
        List<List<Utterance>> out = new ArrayList<>();
        int i = 0;
        while (i < sorted.size()) {
            int end = i;
            // the batch grows while its padded size stays within the frame budget
            while (end < sorted.size() && end - i < s.batchSize()
                    && (long) (end - i + 1) * sorted.get(end).frameCount() <= s.maxBatchFrames()) end++;
            end = Math.max(end, i + 1);
            out.add(sorted.subList(i, end));
            i = end;
        }
        return out;
    }

    /**
     * Warm-up, then cosine decay to 5 % of the peak at {@code steps}. Both start at {@code cycleStart}: a run resumed
     * with a later cycle start gets a new warm restart, which is how a finished model goes on learning.
     */
    double learningRate(long step) {
        long inCycle = Math.max(0, step - s.cycleStart());
        long cycleSteps = s.steps() - s.cycleStart();
        if (inCycle < s.warmupSteps()) return s.learningRate() * (inCycle + 1) / s.warmupSteps();
        double progress = Math.min(1.0, (double) (inCycle - s.warmupSteps()) / Math.max(1, cycleSteps - s.warmupSteps()));
        return s.learningRate() * (0.05 + 0.95 * 0.5 * (1 + Math.cos(Math.PI * progress)));
    }

    private Normalizer normaliser(List<Utterance> train) {
        int bands = features.melBands();
        double[] sum = new double[bands];
        double[] sq = new double[bands];
        long n = 0;
        for (Utterance u : train.subList(0, Math.min(train.size(), NORMALISATION_SAMPLE))) {
            for (int t = 0; t < u.frameCount(); t++, n++) {
                for (int b = 0; b < bands; b++) {
                    double v = u.frames()[t * bands + b] / Utterance.SCALE;
                    sum[b] += v;
                    sq[b] += v * v;
                }
            }
        }
        float[] mean = new float[bands];
        float[] std = new float[bands];
        for (int b = 0; b < bands; b++) {
            mean[b] = (float) (sum[b] / n);
            std[b] = (float) Math.sqrt(Math.max(1e-6, sq[b] / n - mean[b] * (double) mean[b]));
        }
        return new Normalizer(mean, std);
    }

    private Map<String, Object> evaluate(TrainingGraph graph, Weights w, Normalizer norm, List<Utterance> dev) {
        ErrorRate er = new ErrorRate();
        double loss = 0;
        List<Utterance> sorted = new ArrayList<>(dev);
        sorted.sort(Comparator.comparingInt(Utterance::frameCount));
        for (int i = 0; i < sorted.size(); i += 32) {
            List<Utterance> part = sorted.subList(i, Math.min(sorted.size(), i + 32));
            Batch b = Batch.of(part, norm, s.model().stride(), null, false);
            TrainingGraph.Result r = graph.evaluate(w, b.features, b.labels, b.frames);
            for (int k = 0; k < part.size(); k++) {
                er.add(part.get(k).text(), greedy(r.logProbs(), k, b.frames[k] / s.model().stride()));
                if (Float.isFinite(r.losses()[k])) loss += r.losses()[k];
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("devUtterances", dev.size());
        // without dev utterances there is no error rate: 0 would read as a perfect model in meta.json
        if (!dev.isEmpty()) {
            m.put("devCer", er.cer());
            m.put("devWer", er.wer());
            m.put("devLoss", loss / dev.size());
        }
        return m;
    }

    /** Best path through time-major log-probs [T][B][C] for batch item {@code k}. */
    static String greedy(float[][][] logProbs, int k, int frames) {
        StringBuilder sb = new StringBuilder();
        int prev = -1;
        for (int t = 0; t < frames && t < logProbs.length; t++) {
            float[] p = logProbs[t][k];
            int best = 0;
            for (int c = 1; c < p.length; c++) if (p[c] > p[best]) best = c;
            if (best != prev && best != Alphabet.BLANK) sb.append(Alphabet.symbol(best));
            prev = best;
        }
        return sb.toString().trim().replaceAll(" +", " ");
    }

    private static Checkpoint read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            Weights weights = Weights.read(in);
            Normalizer norm = new Normalizer(readFloats(in), readFloats(in));
            Adam adam = new Adam(weights, CLIP_NORM, 0);
            adam.read(in);
            return new Checkpoint(weights, norm, adam);
        }
    }

    /**
     * An exported model as a start: its weights and normaliser. The optimiser's moments were not exported, so they
     * start at zero at the model's step; the warm-up's small learning rates cover the steps they take to settle.
     */
    private static Checkpoint exported(Path dir) throws IOException {
        ModelMeta meta = ModelMeta.read(dir.resolve("meta.json"));
        Weights weights = ModelExporter.weights(dir, meta.model());
        Object steps = meta.training() == null ? null : meta.training().get("steps");
        return new Checkpoint(weights, meta.normalizer(), new Adam(weights, CLIP_NORM, steps instanceof Number n ? n.longValue() : 0));
    }

    private void checkpoint(Weights w, Normalizer norm, Adam adam) throws IOException {
        Path tmp = checkpointFile().resolveSibling("checkpoint.tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20))) {
            w.write(out);
            writeFloats(out, norm.mean());
            writeFloats(out, norm.std());
            adam.write(out);
        }
        Files.move(tmp, checkpointFile(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private void export(Weights w, Normalizer norm, Corpus corpus, Map<String, Object> metrics, long step,
                        double seconds) throws IOException {
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("corpus", s.manifests().stream().map(Path::toString).collect(Collectors.joining(",")));
        training.put("trainUtterances", corpus.train.size());
        training.put("trainHours", corpus.trainFrames() * features.hopMs() / 3.6e6);
        training.put("voices", corpus.voices());
        training.put("steps", step);
        training.put("batchSize", s.batchSize());
        training.put("degradedShare", s.mix().degradedShare());
        training.put("recordedShare", s.mix().recordedShare());
        training.put("recordedHours", corpus.recordedFrames() * features.hopMs() / 3.6e6);
        training.put("licences", corpus.licences());
        training.put("learningRate", s.learningRate());
        training.put("sessionSeconds", Math.round(seconds));
        training.put("parameters", w.count());
        ModelMeta meta = ModelMeta.of(s.modelName(), features, s.model(), norm, training, metrics);
        Path tmp = s.outDir().resolve("model.tmp");
        Directories.delete(tmp);
        ModelExporter.export(w, meta, tmp);
        Directories.delete(modelDir());
        Files.move(tmp, modelDir(), StandardCopyOption.ATOMIC_MOVE);
    }

    private static void writeFloats(DataOutputStream out, float[] a) throws IOException {
        out.writeInt(a.length);
        for (float f : a) out.writeFloat(f);
    }

    private static float[] readFloats(DataInputStream in) throws IOException {
        float[] a = new float[in.readInt()];
        for (int i = 0; i < a.length; i++) a[i] = in.readFloat();
        return a;
    }

    /** A padded, normalised batch; T is rounded up to a multiple of the stride. */
    private record Batch(float[][][] features, int[][] labels, int[] frames) {
        static Batch of(List<Utterance> us, Normalizer norm, int stride, Random maskRandom, boolean augment) {
            int max = us.stream().mapToInt(Utterance::frameCount).max().orElse(stride);
            int t = (max + stride - 1) / stride * stride;
            int bands = norm.mean().length;
            float[][][] f = new float[us.size()][t][bands];
            int[][] labels = new int[us.size()][];
            int[] frames = new int[us.size()];
            for (int i = 0; i < us.size(); i++) {
                Utterance u = us.get(i);
                u.normalisedInto(f[i], norm.mean(), norm.std());
                if (augment) specAugment(f[i], u.frameCount(), maskRandom);
                labels[i] = u.labels();
                frames[i] = u.frameCount();
            }
            return new Batch(f, labels, frames);
        }

        /** Two frequency masks of up to 10 bands and two time masks of up to 5% of the frames. */
        private static void specAugment(float[][] x, int frames, Random r) {
            int bands = x[0].length;
            for (int m = 0; m < 2; m++) {
                int w = r.nextInt(11);
                int f0 = r.nextInt(bands - w + 1);
                for (int t = 0; t < frames; t++) for (int b = f0; b < f0 + w; b++) x[t][b] = 0;
            }
            for (int m = 0; m < 2; m++) {
                int w = r.nextInt(Math.max(1, frames / 20));
                int t0 = r.nextInt(Math.max(1, frames - w));
                for (int t = t0; t < Math.min(frames, t0 + w); t++) Arrays.fill(x[t], 0f);
            }
        }
    }
}
