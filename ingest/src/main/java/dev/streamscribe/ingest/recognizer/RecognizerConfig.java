package dev.streamscribe.ingest.recognizer;

import dev.streamscribe.decoder.DecoderConfig;

import java.util.Objects;

/**
 * What a recogniser loads: the acoustic model ("default", the name of a bundled model or a model directory), the
 * language model ("none", "default" or a path to an ARPA file), decoder settings, TensorFlow's intra-op thread
 * count (by default 1: the network's matrices are too small to split with profit, and parallelism comes from
 * streams and files), and at most how many streams advanced together share one session call ({@code maxBatch};
 * 1 = one call per stream).
 */
public record RecognizerConfig(String model, String lm, DecoderConfig decoder, int threads, int maxBatch) {
    public static final String DEFAULT = "default";
    public static final String LM_NONE = "none";
    public static final int DEFAULT_MAX_BATCH = 64;

    public RecognizerConfig {
        Objects.requireNonNull(model, "model");
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        if (maxBatch < 1) throw new IllegalArgumentException("max batch must be at least 1, got " + maxBatch);
    }

    public static RecognizerConfig defaults() {
        return new RecognizerConfig(DEFAULT, DEFAULT, DecoderConfig.DEFAULT, 1, DEFAULT_MAX_BATCH);
    }

    public RecognizerConfig withModel(String m) {
        return new RecognizerConfig(m, lm, decoder, threads, maxBatch);
    }

    public RecognizerConfig withLm(String l) {
        return new RecognizerConfig(model, l, decoder, threads, maxBatch);
    }

    public RecognizerConfig withDecoder(DecoderConfig d) {
        return new RecognizerConfig(model, lm, d, threads, maxBatch);
    }

    public RecognizerConfig withThreads(int t) {
        return new RecognizerConfig(model, lm, decoder, t, maxBatch);
    }

    public RecognizerConfig withMaxBatch(int b) {
        return new RecognizerConfig(model, lm, decoder, threads, b);
    }
}
