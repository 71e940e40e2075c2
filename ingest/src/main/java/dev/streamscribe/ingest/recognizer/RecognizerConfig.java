package dev.streamscribe.ingest.recognizer;

import dev.streamscribe.decoder.DecoderConfig;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What a recogniser loads: the acoustic model (null = the shipped default), the language model ("none",
 * "default" or a path to an ARPA file), decoder settings, TensorFlow's intra-op thread count (by default 1: the
 * network's matrices are too small to split with profit, and parallelism comes from streams and files), and how
 * streams advanced by different threads share session calls: at most {@code maxBatch} streams per call (1 = every
 * caller runs the model itself), gathered for at most {@code batchWait}.
 */
public record RecognizerConfig(Path modelDir, String lm, DecoderConfig decoder, int threads, int maxBatch,
                               Duration batchWait) {
    public static final String LM_NONE = "none";
    public static final String LM_DEFAULT = "default";
    public static final int DEFAULT_MAX_BATCH = 64;
    public static final Duration DEFAULT_BATCH_WAIT = Duration.ofMillis(2);

    public RecognizerConfig {
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        if (maxBatch < 1) throw new IllegalArgumentException("max batch must be at least 1, got " + maxBatch);
        if (batchWait.isNegative()) throw new IllegalArgumentException("batch wait must not be negative, got " + batchWait);
    }

    public static RecognizerConfig defaults() {
        return new RecognizerConfig(null, LM_DEFAULT, DecoderConfig.DEFAULT, 1, DEFAULT_MAX_BATCH, DEFAULT_BATCH_WAIT);
    }

    public RecognizerConfig withModelDir(Path p) {
        return new RecognizerConfig(p, lm, decoder, threads, maxBatch, batchWait);
    }

    public RecognizerConfig withLm(String l) {
        return new RecognizerConfig(modelDir, l, decoder, threads, maxBatch, batchWait);
    }

    public RecognizerConfig withDecoder(DecoderConfig d) {
        return new RecognizerConfig(modelDir, lm, d, threads, maxBatch, batchWait);
    }

    public RecognizerConfig withThreads(int t) {
        return new RecognizerConfig(modelDir, lm, decoder, t, maxBatch, batchWait);
    }

    public RecognizerConfig withMaxBatch(int b) {
        return new RecognizerConfig(modelDir, lm, decoder, threads, b, batchWait);
    }

    public RecognizerConfig withBatchWait(Duration w) {
        return new RecognizerConfig(modelDir, lm, decoder, threads, maxBatch, w);
    }
}
