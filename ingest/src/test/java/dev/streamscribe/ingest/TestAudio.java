package dev.streamscribe.ingest;

import dev.streamscribe.features.audio.Audio;
import dev.streamscribe.features.audio.WavReader;
import dev.streamscribe.ingest.recognizer.Recognizer;
import dev.streamscribe.ingest.recognizer.RecognizerConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** The speech fixtures of the ingest tests and the recogniser they run through (shipped model, no LM). */
public final class TestAudio {
    public static final String REPORT = "report.wav";
    public static final String WEATHER_8K = "weather-8k.wav";

    private static Recognizer recognizer;

    private TestAudio() {}

    public static Path path(String name) {
        try {
            return Path.of(TestAudio.class.getResource("/audio/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Audio read(String name) {
        return WavReader.read(path(name));
    }

    /** One recogniser for the whole test JVM: loading the model is the slow part. */
    public static synchronized Recognizer recognizer() {
        if (recognizer == null) {
            try {
                recognizer = Recognizer.create(RecognizerConfig.defaults().withLm(RecognizerConfig.LM_NONE).withThreads(2));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return recognizer;
    }
}
