package dev.streamscribe.ingest.recognizer;

import dev.streamscribe.acoustic.model.AcousticModel;
import dev.streamscribe.acoustic.model.Inference;
import dev.streamscribe.acoustic.model.ModelMeta;
import dev.streamscribe.acoustic.model.ModelStream;
import dev.streamscribe.decoder.CtcStreamDecoder;
import dev.streamscribe.decoder.DecoderConfig;
import dev.streamscribe.decoder.HotWords;
import dev.streamscribe.decoder.UtteranceResult;
import dev.streamscribe.decoder.lm.LanguageModel;
import dev.streamscribe.features.audio.Audio;
import dev.streamscribe.features.frames.FeatureStream;
import dev.streamscribe.ingest.metrics.PipelineMetrics;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The stream recogniser shared by the Kafka processor, offline transcription, archive reprocessing and eval
 * (like sherpa-onnx's OnlineRecognizer): it holds the model and the LM, and makes {@link RecognizerStream}s.
 * {@link #acceptAll} and {@link #advanceAll} advance many streams at once so their model steps share one batched
 * session call.
 */
public final class Recognizer implements AutoCloseable {
    /** The LM shipped beside the default model. */
    public static final String DEFAULT_LM_RESOURCE = "/models/lm/en-3gram.arpa.gz";

    private final RecognizerConfig config;
    private final AcousticModel model;
    /** The model, with each call's batch size reported to the metrics. */
    private final Inference inference;
    private final LanguageModel lm;
    private final PipelineMetrics metrics;

    private Recognizer(RecognizerConfig config, AcousticModel model, LanguageModel lm, PipelineMetrics metrics) {
        this.config = config;
        this.model = model;
        this.inference = requests -> {
            metrics.modelBatch(requests.size());
            return model.step(requests);
        };
        this.lm = lm;
        this.metrics = metrics;
    }

    public static Recognizer create(RecognizerConfig config) throws IOException {
        return create(config, PipelineMetrics.NONE);
    }

    /** A recogniser that reports the audio it processes, its processing time and its model batch sizes to {@code metrics}. */
    public static Recognizer create(RecognizerConfig config, PipelineMetrics metrics) throws IOException {
        return new Recognizer(config, loadModel(config.model(), config.threads()), loadLm(config.lm()), metrics);
    }

    private static AcousticModel loadModel(String model, int threads) throws IOException {
        if (model.equals(RecognizerConfig.DEFAULT)) return AcousticModel.loadDefault(threads);
        if (AcousticModel.BUNDLED.contains(model)) return AcousticModel.loadBundled(model, threads);
        if (!Files.isDirectory(Path.of(model))) {
            throw new IOException(model + ": neither a bundled model (" + String.join(", ", AcousticModel.BUNDLED) + ") nor a directory");
        }
        return AcousticModel.load(Path.of(model), threads);
    }

    private static LanguageModel loadLm(String lm) throws IOException {
        if (lm == null || lm.equals(RecognizerConfig.LM_NONE)) return null;
        if (!lm.equals(RecognizerConfig.DEFAULT)) {
            Path file = Path.of(lm);
            if (!Files.isRegularFile(file)) throw new NoSuchFileException(lm + " (--lm: none, default or an ARPA file)");
            return LanguageModelCache.inUserCache().load(Files.readAllBytes(file), lm);
        }
        try (InputStream in = Recognizer.class.getResourceAsStream(DEFAULT_LM_RESOURCE)) {
            if (in == null) throw new IOException("the default language model is missing from the classpath: " + DEFAULT_LM_RESOURCE);
            return LanguageModelCache.inUserCache().load(in.readAllBytes(), DEFAULT_LM_RESOURCE);
        }
    }

    public ModelMeta meta() {
        return model.meta();
    }

    public String modelName() {
        return model.meta().name();
    }

    public RecognizerConfig config() {
        return config;
    }

    /** A new stream whose audio arrives at {@code sampleRate} Hz. */
    public RecognizerStream createStream(int sampleRate) {
        return createStream(sampleRate, HotWords.NONE);
    }

    /** A stream that boosts {@code hotWords} on top of the recogniser's own (a stream's boost wins for a phrase in both). */
    public RecognizerStream createStream(int sampleRate, HotWords hotWords) {
        return new RecognizerStream(this, sampleRate, hotWords);
    }

    /** A stream continued from {@link RecognizerStream#serialize()}. */
    public RecognizerStream restore(byte[] state) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
            return RecognizerStream.read(this, in);
        }
    }

    public LanguageModel lm() {
        return lm;
    }

    public AcousticModel model() {
        return model;
    }

    Inference inference() {
        return inference;
    }

    /** The model's per-frame log-probabilities for a whole recording: computed once, decoded many ways when tuning. */
    public float[][] logProbs(Audio audio) {
        FeatureStream features = new FeatureStream(audio.sampleRate(), meta().features(), meta().normalizer());
        ModelStream stream = new ModelStream(meta().model());
        float[][] head = stream.accept(inference, features.accept(audio.samples()));
        float[][] tail = stream.accept(inference, features.finish());
        float[][] all = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }

    /** The finals of decoding {@link #logProbs} with other decoder settings and this recogniser's LM. */
    public List<UtteranceResult> decode(float[][] logProbs, DecoderConfig decoder) {
        CtcStreamDecoder d = new CtcStreamDecoder(decoder, lm, meta().frameMs());
        List<UtteranceResult> out = new ArrayList<>(d.accept(logProbs));
        out.addAll(d.finish());
        return out.stream().filter(UtteranceResult::isFinal).toList();
    }

    /**
     * Feeds each stream its samples; the model steps of all streams run as one batch. Returns each stream's
     * results, in the order of {@code streams}.
     */
    public List<List<UtteranceResult>> acceptAll(List<RecognizerStream> streams, List<float[]> samples) {
        for (int i = 0; i < streams.size(); i++) streams.get(i).feed(samples.get(i));
        return advanceAll(streams);
    }

    /**
     * Runs the model over the frames each stream has queued ({@link RecognizerStream#feed}), at most
     * {@code maxBatch} streams per session call, and decodes. Returns each stream's results, in the order of
     * {@code streams}.
     */
    public List<List<UtteranceResult>> advanceAll(List<RecognizerStream> streams) {
        long start = System.nanoTime();
        List<AcousticModel.Request> requests = new ArrayList<>();
        List<Integer> owners = new ArrayList<>();
        for (int i = 0; i < streams.size(); i++) {
            AcousticModel.Request r = streams.get(i).takeRequest();
            if (r != null) {
                requests.add(r);
                owners.add(i);
            }
        }
        List<AcousticModel.Response> responses = new ArrayList<>(requests.size());
        for (int from = 0; from < requests.size(); from += config.maxBatch()) {
            responses.addAll(inference.step(requests.subList(from, Math.min(requests.size(), from + config.maxBatch()))));
        }
        List<List<UtteranceResult>> out = new ArrayList<>();
        for (int i = 0; i < streams.size(); i++) out.add(List.of());
        for (int k = 0; k < responses.size(); k++) {
            int i = owners.get(k);
            out.set(i, streams.get(i).complete(responses.get(k)));
        }
        metrics.recognised(0, System.nanoTime() - start);
        return out;
    }

    PipelineMetrics metrics() {
        return metrics;
    }

    @Override
    public void close() {
        model.close();
    }
}
