package dev.streamscribe.ingest.kafka;

import dev.streamscribe.decoder.HotWords;
import dev.streamscribe.ingest.TestAudio;
import dev.streamscribe.ingest.TestStreams;
import dev.streamscribe.ingest.recognizer.FileTranscriber;
import dev.streamscribe.ingest.topology.PipelineConfig;
import dev.streamscribe.ingest.topology.Transcript;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
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
 * file, and the bad chunk must be in the dead-letter topic with its reason. A third stream, the first file again from
 * a publisher that asks for a hot word the model misses, must come out with that word.
 */
final class TwoStreamScenario {
    private TwoStreamScenario() {}

    static void run(KafkaSettings kafka, Path stateDir) throws Exception {
        PipelineConfig config = PipelineConfig.DEFAULT;
        kafka.createTopics(config, 2, (short) 1);
        Map<String, List<Transcript>> byStream = new ConcurrentHashMap<>();
        CountDownLatch ended = new CountDownLatch(3);
        try (StreamsPipeline pipeline = StreamsPipeline.start(kafka, TestAudio.recognizer(), config,
                     StreamsPipeline.Settings.defaults(stateDir).withApplicationId("two-streams"));
             TranscriptTail tail = new TranscriptTail(kafka, config.transcriptsTopic(), t -> {
                 byStream.computeIfAbsent(t.streamId(), k -> Collections.synchronizedList(new ArrayList<>())).add(t);
                 if (t.isEos()) ended.countDown();
             });
             AudioPublisher publisher = new AudioPublisher(kafka, config.inputTopic(), 100);
             AudioPublisher boosting = new AudioPublisher(kafka, config.inputTopic(), 100, HotWords.parse("noon:8", ','))) {
            pipeline.awaitRunning(Duration.ofSeconds(60));
            List<byte[]> a = TestStreams.s16leChunks(TestAudio.read(TestAudio.REPORT), 100);
            List<byte[]> b = TestStreams.s16leChunks(TestAudio.read(TestAudio.WEATHER_8K), 100);
            for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
                if (i < a.size()) publisher.send("a", i, 16_000, a.get(i), i == a.size() - 1);
                if (i < b.size()) publisher.send("b", i, 8_000, b.get(i), i == b.size() - 1);
                if (i == 3) publisher.send("a", 99, 16_000, a.get(0), false);
            }
            publisher.flush();
            boosting.publish("c", TestAudio.read(TestAudio.REPORT), false);
            assertTrue(ended.await(90, TimeUnit.SECONDS), "the streams end within 90 s; got " + byStream.keySet());
        }
        FileTranscriber offline = new FileTranscriber(TestAudio.recognizer());
        assertEquals(offline.transcribe(TestAudio.path(TestAudio.REPORT)).text(), TestStreams.finalText(byStream.get("a")));
        assertEquals(offline.transcribe(TestAudio.path(TestAudio.WEATHER_8K)).text(), TestStreams.finalText(byStream.get("b")));
        assertFalse(TestStreams.finalText(byStream.get("a")).isBlank());
        assertFalse(List.of(TestStreams.finalText(byStream.get("a")).split(" ")).contains("noon"), "the model misses it");
        assertTrue(List.of(TestStreams.finalText(byStream.get("c")).split(" ")).contains("noon"), TestStreams.finalText(byStream.get("c")));
        assertEquals(List.of("seq-gap"), deadLetterCodes(kafka, config.dlqTopic()));
    }

    /**
     * The {@code error} codes of everything committed to the dead-letter topic so far. Reads up to the end offsets a
     * read_committed consumer sees (the last stable offsets), so it neither waits for records that will never come
     * nor stops before the committed ones.
     */
    static List<String> deadLetterCodes(KafkaSettings kafka, String topic) {
        List<String> codes = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(kafka.properties(Map.of("isolation.level", "read_committed")),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = c.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            c.assign(partitions);
            c.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = c.endOffsets(partitions);
            long deadline = System.currentTimeMillis() + 30_000;
            while (partitions.stream().anyMatch(p -> c.position(p) < end.get(p))) {
                if (System.currentTimeMillis() > deadline) throw new IllegalStateException("cannot read " + topic + " to its end " + end);
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    codes.add(new String(r.headers().lastHeader("error").value(), StandardCharsets.UTF_8));
                }
            }
        }
        return codes;
    }
}
