package dev.streamscribe.ingest.recognizer;

import dev.streamscribe.decoder.DecoderConfig;

import java.nio.file.Path;

/**
 * What a recogniser loads: the acoustic model (null = the shipped default), the language model ("none",
 * "default" or a path to an ARPA file), decoder settings and TensorFlow's thread count.
 */
public record RecognizerConfig(Path modelDir, String lm, DecoderConfig decoder, int threads) {
    public static final String LM_NONE = "none";
    public static final String LM_DEFAULT = "default";

    public static RecognizerConfig defaults() {
        return new RecognizerConfig(null, LM_DEFAULT, DecoderConfig.DEFAULT, Runtime.getRuntime().availableProcessors());
    }

    public RecognizerConfig withModelDir(Path p) {
        return new RecognizerConfig(p, lm, decoder, threads);
    }

    public RecognizerConfig withLm(String l) {
        return new RecognizerConfig(modelDir, l, decoder, threads);
    }

    public RecognizerConfig withDecoder(DecoderConfig d) {
        return new RecognizerConfig(modelDir, lm, d, threads);
    }

    public RecognizerConfig withThreads(int t) {
        return new RecognizerConfig(modelDir, lm, decoder, t);
    }
}
