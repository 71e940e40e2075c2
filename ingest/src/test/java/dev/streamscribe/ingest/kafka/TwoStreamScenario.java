package dev.streamscribe.ingest.kafka;

import dev.streamscribe.features.audio.Audio;
import dev.streamscribe.features.audio.PcmFormat;
import dev.streamscribe.ingest.TestAudio;
import dev.streamscribe.ingest.recognizer.FileTranscriber;
import dev.streamscribe.ingest.topology.PipelineConfig;
import dev.streamscribe.ingest.topology.Transcript;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The end-to-end check, whatever the broker: two streams (16 kHz and 8 kHz) published with their chunks
 * interleaved, plus one out-of-sequence chunk; each stream's finals must equal the offline transcript of its
 * file, and the bad chunk must be in the dead-letter topic with its reason.
 */
final class TwoStreamScenario {
    private TwoStreamScenario() {}

    static void run(KafkaSettings kafka, Path stateDir) throws Exception {
        PipelineConfig config = PipelineConfig.DEFAULT;
        kafka.createTopics(config, 2, (short) 1);
        Map<String, List<Transcript>> byStream = new ConcurrentHashMap<>();
        CountDownLatch ended = new CountDownLatch(2);
        try (StreamsPipeline pipeline = StreamsPipeline.start(kafka, TestAudio.recognizer(), config,
                     StreamsPipeline.Settings.defaults(stateDir).withApplicationId("two-streams"));
             TranscriptTail tail = new TranscriptTail(kafka, config.transcriptsTopic(), t -> {
                 byStream.computeIfAbsent(t.streamId(), k -> Collections.synchronizedList(new ArrayList<>())).add(t);
                 if (t.isEos()) ended.countDown();
             });
             AudioPublisher publisher = new AudioPublisher(kafka, config.inputTopic(), 100)) {
            pipeline.awaitRunning(Duration.ofSeconds(60));
            List<byte[]> a = chunks(TestAudio.read(TestAudio.REPORT));
            List<byte[]> b = chunks(TestAudio.read(TestAudio.WEATHER_8K));
            for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
                if (i < a.size()) publisher.send("a", i, 16_000, a.get(i), i == a.size() - 1);
                if (i < b.size()) publisher.send("b", i, 8_000, b.get(i), i == b.size() - 1);
                if (i == 3) publisher.send("a", 99, 16_000, a.get(0), false);
            }
            publisher.flush();
            assertTrue(ended.await(90, TimeUnit.SECONDS), "both streams end within 90 s; got " + byStream.keySet());
        }
        FileTranscriber offline = new FileTranscriber(TestAudio.recognizer());
        assertEquals(offline.transcribe(TestAudio.path(TestAudio.REPORT)).text(), finalText(byStream.get("a")));
        assertEquals(offline.transcribe(TestAudio.path(TestAudio.WEATHER_8K)).text(), finalText(byStream.get("b")));
        assertFalse(finalText(byStream.get("a")).isBlank());
        assertEquals(List.of("seq-gap"), deadLetterCodes(kafka, config.dlqTopic()));
    }

    private static List<byte[]> chunks(Audio audio) {
        int step = audio.sampleRate() / 10;
        List<byte[]> out = new ArrayList<>();
        for (int from = 0; from < audio.samples().length; from += step) {
            out.add(PcmFormat.toS16le(audio.samples(), from, Math.min(audio.samples().length, from + step)));
        }
        return out;
    }

    private static String finalText(List<Transcript> results) {
        return String.join(" ", results.stream().filter(Transcript::isFinal).map(Transcript::text).filter(t -> !t.isEmpty()).toList());
    }

    private static List<String> deadLetterCodes(KafkaSettings kafka, String topic) {
        List<String> codes = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(kafka.properties(Map.of("group.id", "dlq-check",
                "auto.offset.reset", "earliest", "isolation.level", "read_committed")),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            c.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 10_000;
            while (codes.isEmpty() && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    codes.add(new String(r.headers().lastHeader("error").value(), StandardCharsets.UTF_8));
                }
            }
        }
        return codes;
    }
}
