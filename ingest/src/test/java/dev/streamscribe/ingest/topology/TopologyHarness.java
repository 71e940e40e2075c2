package dev.streamscribe.ingest.topology;

import dev.streamscribe.ingest.TestAudio;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The transcription topology in a {@link TopologyTestDriver} with the shipped model, plus the record builders and
 * readers the topology tests share. Record timestamps advance 10 ms per record. The batch window is 1 ms and the
 * wall clock moves by it after each record, so the record's audio goes through the model before the test looks
 * while idle expiry, which reads the same clock, barely sees it move; otherwise the clock moves only when a test
 * advances it.
 */
final class TopologyHarness implements AutoCloseable {
    private static final String APPLICATION_ID = "topology-test";
    final PipelineConfig config;
    final TopologyTestDriver driver;
    final TestInputTopic<byte[], byte[]> input;
    final TestOutputTopic<byte[], byte[]> transcripts;
    final TestOutputTopic<byte[], byte[]> dlq;
    private final TestOutputTopic<byte[], byte[]> changelog;
    private final Path stateDir;
    private Instant clock = Instant.parse("2026-11-23T10:00:00Z");

    TopologyHarness(PipelineConfig config) {
        this.config = config.withBatchWindow(Duration.ofMillis(1));
        Properties p = new Properties();
        p.put("application.id", APPLICATION_ID);
        p.put("bootstrap.servers", "unused:9092");
        // A store of its own: the default state dir is one fixed folder under /tmp, shared with any other test run.
        try {
            stateDir = Files.createTempDirectory("topology-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        p.put("state.dir", stateDir.toString());
        driver = new TopologyTestDriver(TranscriptionTopology.build(TestAudio.recognizer(), this.config), p, clock);
        input = driver.createInputTopic(config.inputTopic(), new ByteArraySerializer(), new ByteArraySerializer());
        transcripts = driver.createOutputTopic(config.transcriptsTopic(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        dlq = driver.createOutputTopic(config.dlqTopic(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        changelog = driver.createOutputTopic(APPLICATION_ID + "-" + PipelineConfig.STORE + "-changelog",
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    void send(String streamId, byte[] payload, Headers headers) {
        send(streamId.getBytes(StandardCharsets.UTF_8), payload, headers);
    }

    void send(byte[] key, byte[] payload, Headers headers) {
        hold(key, payload, headers);
        closeBatchWindow();
    }

    /** Sends a record whose audio then waits for the model, with that of any other record held, until the window closes. */
    void hold(String streamId, byte[] payload, Headers headers) {
        hold(streamId.getBytes(StandardCharsets.UTF_8), payload, headers);
    }

    void hold(byte[] key, byte[] payload, Headers headers) {
        clock = clock.plusMillis(10);
        input.pipeInput(new TestRecord<>(key, payload, headers, clock));
    }

    void closeBatchWindow() {
        driver.advanceWallClockTime(config.batchWindow());
    }

    /** The {@code error} codes of the dead letters written since the last read. */
    List<String> deadLetterCodes() {
        List<String> codes = new ArrayList<>();
        while (!dlq.isEmpty()) codes.add(header(dlq.readRecord().headers(), "error"));
        return codes;
    }

    /**
     * Drops what the store has written to its changelog so far. The driver keeps every record the topology produces
     * until a test reads it, so a long test that did not drop them would measure the driver's memory, not the topology's.
     */
    void discardChangelog() {
        changelog.readValuesToList();
    }

    /** The transcripts written since the last read. */
    List<Transcript> readTranscripts() {
        List<Transcript> out = new ArrayList<>();
        for (byte[] v : transcripts.readValuesToList()) {
            try {
                out.add(Transcript.fromJson(v));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    KeyValueStore<Bytes, byte[]> store() {
        return driver.getKeyValueStore(PipelineConfig.STORE);
    }

    /** A stream's stored state, decoded as the processor decodes it; null if there is none. */
    StreamState state(Bytes key) {
        byte[] bytes = store().get(key);
        return bytes == null ? null : StreamState.fromBytes(bytes);
    }

    void putState(Bytes key, StreamState state) {
        store().put(key, state.toBytes());
    }

    /** Exact count; RocksDB's approximateNumEntries is only an estimate. */
    int storedStreams() {
        int n = 0;
        try (KeyValueIterator<Bytes, byte[]> it = store().all()) {
            for (; it.hasNext(); it.next()) n++;
        }
        return n;
    }

    @Override
    public void close() {
        driver.close();
        try {
            Utils.delete(stateDir.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Bytes key(String streamId) {
        return Bytes.wrap(streamId.getBytes(StandardCharsets.UTF_8));
    }

    static Headers chunk(long seq, int rate, String format, boolean eos) {
        return headers(eos ? Map.of("seq", "" + seq, "rate", "" + rate, "format", format, "eos", "true")
                : Map.of("seq", "" + seq, "rate", "" + rate, "format", format));
    }

    static Headers headers(Map<String, String> values) {
        RecordHeaders h = new RecordHeaders();
        values.forEach((k, v) -> h.add(k, v.getBytes(StandardCharsets.UTF_8)));
        return h;
    }

    static String header(Headers h, String name) {
        return new String(h.lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    /** {@code samples} f32le samples all equal to {@code value} (e.g. NaN or infinity). */
    static byte[] f32le(float value, int samples) {
        ByteBuffer b = ByteBuffer.allocate(4 * samples).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) b.putFloat(value);
        return b.array();
    }
}
