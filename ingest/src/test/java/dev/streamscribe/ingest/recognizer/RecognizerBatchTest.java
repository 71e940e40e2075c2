package dev.streamscribe.ingest.recognizer;

import dev.streamscribe.decoder.UtteranceResult;
import dev.streamscribe.features.audio.Audio;
import dev.streamscribe.ingest.TestAudio;
import dev.streamscribe.ingest.metrics.PipelineMetrics;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Streams fed at different moments and advanced together: what the Kafka processor's batch window relies on. */
class RecognizerBatchTest {
    @Test
    void streamsAdvancedTogetherShareModelCallsOfAtMostMaxBatch() throws IOException {
        List<Integer> batches = new ArrayList<>();
        PipelineMetrics metrics = new PipelineMetrics() {
            @Override
            public void modelBatch(int streams) {
                batches.add(streams);
            }
        };
        Audio audio = TestAudio.read(TestAudio.REPORT);
        float[] second = Arrays.copyOf(audio.samples(), audio.sampleRate());
        try (Recognizer recognizer = Recognizer.create(RecognizerConfig.defaults().withLm(RecognizerConfig.LM_NONE).withMaxBatch(3), metrics)) {
            List<RecognizerStream> streams = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                RecognizerStream s = recognizer.createStream(audio.sampleRate());
                s.feed(second);
                streams.add(s);
            }
            assertTrue(batches.isEmpty(), "feeding alone runs no model");
            recognizer.advanceAll(streams);
            assertEquals(List.of(3, 2), batches);
            assertEquals(0, streams.get(0).queuedFrames() / recognizer.meta().model().stride(), "every whole stride ran");
        }
    }

    /** Audio waiting for the model is part of the stream's state: a stream restored meanwhile loses none of it. */
    @Test
    void queuedAudioSurvivesSerialisation() throws IOException {
        Recognizer recognizer = TestAudio.recognizer();
        Audio audio = TestAudio.read(TestAudio.REPORT);
        RecognizerStream direct = recognizer.createStream(audio.sampleRate());
        RecognizerStream restored = recognizer.createStream(audio.sampleRate());
        List<UtteranceResult> expected = new ArrayList<>();
        List<UtteranceResult> got = new ArrayList<>();
        float[] x = audio.samples();
        int step = audio.sampleRate() / 10;
        for (int from = 0; from < x.length; from += step) {
            float[] chunk = Arrays.copyOfRange(x, from, Math.min(x.length, from + step));
            expected.addAll(direct.accept(chunk));
            restored.feed(chunk);
            restored = recognizer.restore(restored.serialize());
            got.addAll(recognizer.advanceAll(List.of(restored)).get(0));
        }
        expected.addAll(direct.finish());
        got.addAll(restored.finish());
        assertEquals(expected, got);
        assertTrue(expected.stream().anyMatch(r -> r.isFinal() && !r.text().isBlank()));
    }
}
