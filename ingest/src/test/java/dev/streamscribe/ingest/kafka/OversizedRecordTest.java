package dev.streamscribe.ingest.kafka;

import dev.streamscribe.ingest.TestAudio;
import dev.streamscribe.ingest.TestStreams;
import dev.streamscribe.ingest.recognizer.FileTranscriber;
import dev.streamscribe.ingest.topology.PipelineConfig;
import dev.streamscribe.ingest.topology.Transcript;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input that only a real broker can judge: records the input topic accepts but that are too large to be
 * dead-lettered whole, because the pipeline's chunk limit (and with it the producer's request limit and the
 * dead-letter topic's size limit) is set below the input topic's message limit, as {@code serve --max-chunk-bytes}
 * allows. Such a record must not stall the partition it is on.
 */
class OversizedRecordTest {
    private static final PipelineConfig CONFIG = PipelineConfig.DEFAULT.withMaxChunkBytes(64_000);

    @Test
    void recordsTooLargeToDeadLetterWholeDoNotStallTheirPartition(@TempDir Path dir) throws Exception {
        try (EmbeddedKafka broker = EmbeddedKafka.start(dir.resolve("kafka"))) {
            KafkaSettings kafka = KafkaSettings.of(broker.bootstrapServers());
            // One partition, so the good stream is behind the bad records.
            kafka.createTopics(CONFIG, 1, (short) 1);
            List<Transcript> good = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch ended = new CountDownLatch(1);
            try (StreamsPipeline pipeline = StreamsPipeline.start(kafka, TestAudio.recognizer(), CONFIG,
                         StreamsPipeline.Settings.defaults(dir.resolve("state")).withApplicationId("oversized"));
                 TranscriptTail tail = new TranscriptTail(kafka, CONFIG.transcriptsTopic(), t -> {
                     if (t.streamId().equals("good")) good.add(t);
                     if (t.streamId().equals("good") && t.isEos()) ended.countDown();
                 });
                 KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.properties(Map.of()),
                         new ByteArraySerializer(), new ByteArraySerializer());
                 AudioPublisher publisher = new AudioPublisher(kafka, CONFIG.inputTopic(), 100)) {
                pipeline.awaitRunning(Duration.ofSeconds(60));
                // A 500 KB chunk: too large for the pipeline (64 KB), fine for the topic (1 MB).
                producer.send(record("big", new byte[500_000], Map.of("seq", "0", "rate", "16000"))).get();
                // A small bad chunk with a 300 KB header.
                producer.send(record("junk", new byte[3200], Map.of("seq", "x", "rate", "16000", "x-junk", "j".repeat(300_000)))).get();
                publisher.publish("good", TestAudio.read(TestAudio.REPORT), false);
                assertTrue(ended.await(60, TimeUnit.SECONDS), "the good stream behind the oversized records ends");
            }
            String offline = new FileTranscriber(TestAudio.recognizer()).transcribe(TestAudio.path(TestAudio.REPORT)).text();
            assertEquals(offline, TestStreams.finalText(good));
            assertEquals(List.of("too-large", "bad-header"), TwoStreamScenario.deadLetterCodes(kafka, CONFIG.dlqTopic()));
        }
    }

    private static ProducerRecord<byte[], byte[]> record(String key, byte[] value, Map<String, String> headers) {
        RecordHeaders h = new RecordHeaders();
        headers.forEach((k, v) -> h.add(k, v.getBytes(StandardCharsets.UTF_8)));
        return new ProducerRecord<>(CONFIG.inputTopic(), null, key.getBytes(StandardCharsets.UTF_8), value, h);
    }
}
