package dev.streamscribe.ingest.recognizer;

import dev.streamscribe.decoder.DecoderConfig;

import java.nio.file.Path;

/**
 * What a recogniser loads: the acoustic model (null = the shipped default), the language model ("none",
 * "default" or a path to an ARPA file), decoder settings, TensorFlow's intra-op thread count (by default 1: the
 * network's matrices are too small to split with profit, and parallelism comes from streams and files), and at
 * most how many streams advanced together share one session call ({@code maxBatch}; 1 = one call per stream).
 */
public record RecognizerConfig(Path modelDir, String lm, DecoderConfig decoder, int threads, int maxBatch) {
    public static final String LM_NONE = "none";
    public static final String LM_DEFAULT = "default";
    public static final int DEFAULT_MAX_BATCH = 64;

    public RecognizerConfig {
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        if (maxBatch < 1) throw new IllegalArgumentException("max batch must be at least 1, got " + maxBatch);
    }

    public static RecognizerConfig defaults() {
        return new RecognizerConfig(null, LM_DEFAULT, DecoderConfig.DEFAULT, 1, DEFAULT_MAX_BATCH);
    }

    public RecognizerConfig withModelDir(Path p) {
        return new RecognizerConfig(p, lm, decoder, threads, maxBatch);
    }

    public RecognizerConfig withLm(String l) {
        return new RecognizerConfig(modelDir, l, decoder, threads, maxBatch);
    }

    public RecognizerConfig withDecoder(DecoderConfig d) {
        return new RecognizerConfig(modelDir, lm, d, threads, maxBatch);
    }

    public RecognizerConfig withThreads(int t) {
        return new RecognizerConfig(modelDir, lm, decoder, t, maxBatch);
    }

    public RecognizerConfig withMaxBatch(int b) {
        return new RecognizerConfig(modelDir, lm, decoder, threads, b);
    }
}
