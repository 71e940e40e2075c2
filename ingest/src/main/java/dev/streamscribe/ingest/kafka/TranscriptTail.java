package dev.streamscribe.ingest.kafka;

import dev.streamscribe.ingest.topology.Transcript;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Follows the {@code transcripts} topic with a {@code read_committed} consumer (so results of aborted transactions
 * are never seen) and hands every transcript to a callback, until closed. The consumer takes every partition itself
 * instead of joining a group: a group rebalance (as after a broker restart) would send a member without committed
 * offsets back to where it started, and every transcript would come again.
 */
public final class TranscriptTail implements AutoCloseable {
    /** Receives each transcript with the timestamp of its record. */
    public interface Listener {
        /**
         * @param chunkTimestampMs the record's timestamp when the producer set it (CreateTime): the pipeline stamps a
         *                         transcript with the timestamp of the audio chunk it came from; -1 when the topic
         *                         stamps records itself (LogAppendTime)
         */
        void received(Transcript transcript, long chunkTimestampMs);
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private volatile boolean running = true;

    /** Reads from the beginning of the topic. */
    public TranscriptTail(KafkaSettings kafka, String topic, Consumer<Transcript> sink) {
        this(kafka, topic, true, (t, timestamp) -> sink.accept(t));
    }

    /** Reads from the beginning of the topic or only what comes after the consumer joins. */
    public TranscriptTail(KafkaSettings kafka, String topic, boolean fromBeginning, Listener listener) {
        this.consumer = new KafkaConsumer<>(kafka.properties(Map.of(
                "enable.auto.commit", "false",
                "isolation.level", "read_committed")), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        if (partitions.isEmpty()) {
            consumer.close();
            throw new IllegalStateException("topic " + topic + " does not exist");
        }
        consumer.assign(partitions);
        if (fromBeginning) consumer.seekToBeginning(partitions);
        else consumer.seekToEnd(partitions);
        // seeks are lazy: taking the positions now fixes "from now on" at this moment, not at the first poll
        partitions.forEach(consumer::position);
        this.thread = new Thread(() -> loop(listener), "transcript-tail");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop(Listener listener) {
        try {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    Transcript t;
                    try {
                        t = Transcript.fromJson(r.value());
                    } catch (IOException | IllegalArgumentException e) { // IllegalArgumentException: a null value
                        System.err.println("streamscribe: skipping a transcript that is not valid JSON: " + e.getMessage());
                        continue;
                    }
                    listener.received(t, r.timestampType() == TimestampType.CREATE_TIME ? r.timestamp() : -1);
                }
            }
        } catch (org.apache.kafka.common.errors.WakeupException e) {
            // close() woke the consumer up
        } finally {
            consumer.close();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(10_000);
    }
}
