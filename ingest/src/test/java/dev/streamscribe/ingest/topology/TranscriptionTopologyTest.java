package dev.streamscribe.ingest.topology;

import dev.streamscribe.features.audio.Audio;
import dev.streamscribe.features.audio.PcmFormat;
import dev.streamscribe.ingest.TestAudio;
import dev.streamscribe.ingest.recognizer.FileTranscriber;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TranscriptionTopologyTest {
    private static final PipelineConfig CONFIG = PipelineConfig.DEFAULT.withMaxChunkBytes(64_000);

    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> input;
    private TestOutputTopic<byte[], byte[]> transcripts;
    private TestOutputTopic<byte[], byte[]> dlq;
    private Instant clock = Instant.parse("2026-11-23T10:00:00Z");

    @BeforeEach
    void start() {
        Properties p = new Properties();
        p.put("application.id", "topology-test");
        p.put("bootstrap.servers", "unused:9092");
        driver = new TopologyTestDriver(TranscriptionTopology.build(TestAudio.recognizer(), CONFIG), p, clock);
        input = driver.createInputTopic(CONFIG.inputTopic(), new ByteArraySerializer(), new ByteArraySerializer());
        transcripts = driver.createOutputTopic(CONFIG.transcriptsTopic(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        dlq = driver.createOutputTopic(CONFIG.dlqTopic(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void aStreamInChunksGetsTheOfflineTranscript() {
        Audio audio = TestAudio.read(TestAudio.REPORT);
        List<byte[]> chunks = s16leChunks(audio, 100);
        for (int i = 0; i < chunks.size(); i++) send("call-1", chunks.get(i), chunk(i, audio.sampleRate(), "s16le", i == chunks.size() - 1));

        List<Transcript> results = readTranscripts();
        assertTrue(dlq.isEmpty(), "no dead letters for a good stream");
        assertTrue(results.stream().anyMatch(t -> !t.isFinal()), "partials arrive while the stream plays");
        Transcript last = results.get(results.size() - 1);
        assertTrue(last.isFinal() && last.isEos(), "the stream ends with an eos final");
        assertEquals(1, results.stream().filter(Transcript::isEos).count());
        assertTrue(results.stream().allMatch(t -> t.streamId().equals("call-1") && t.model() != null));
        String offline = new FileTranscriber(TestAudio.recognizer()).transcribe(TestAudio.path(TestAudio.REPORT)).text();
        assertEquals(offline, finalText(results));
        assertFalse(offline.isBlank(), "the shipped model hears words in the fixture");
        assertTrue(store().get(key("call-1")).ended(), "after eos only the small ended marker remains");
    }

    static Stream<Arguments> badRecords() {
        byte[] good = new byte[3200];
        return Stream.of(
                Arguments.of("seq gap", good, chunk(5, 16_000, "s16le", false), "seq-gap"),
                Arguments.of("duplicate seq", good, chunk(0, 16_000, "s16le", false), "duplicate"),
                Arguments.of("rate change", good, chunk(1, 8_000, "s16le", false), "rate-change"),
                Arguments.of("format change", new byte[6400], chunk(1, 16_000, "f32le", false), "format-change"),
                Arguments.of("odd byte count for s16le", new byte[3201], chunk(1, 16_000, "s16le", false), "bad-length"),
                Arguments.of("chunk over the size limit", new byte[64_002], chunk(1, 16_000, "s16le", false), "too-large"),
                Arguments.of("unknown format", good, chunk(1, 16_000, "mp3", false), "bad-format"),
                Arguments.of("missing seq", good, headers(Map.of("rate", "16000")), "bad-header"),
                Arguments.of("rate 0", good, chunk(1, 0, "s16le", false), "bad-rate"),
                Arguments.of("rate 10 MHz", good, chunk(1, 10_000_000, "s16le", false), "bad-rate"),
                Arguments.of("NaN samples", nanF32(), chunk(1, 16_000, "f32le", false), "bad-samples"),
                Arguments.of("WAV header in a raw stream", wavHeader(), chunk(1, 16_000, "s16le", false), "wav-in-raw"),
                Arguments.of("empty payload without eos", new byte[0], chunk(1, 16_000, "s16le", false), "bad-length"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRecords")
    void aBadRecordIsDeadLetteredAndTheStreamGoesOn(String name, byte[] payload, Headers headers, String code) {
        Audio audio = TestAudio.read(TestAudio.REPORT);
        List<byte[]> chunks = s16leChunks(audio, 200);
        send("s", chunks.get(0), chunk(0, 16_000, "s16le", false));
        send("other", chunks.get(0), chunk(0, 16_000, "s16le", false));
        send("s", payload, headers);

        TestRecord<byte[], byte[]> dead = dlq.readRecord();
        assertEquals(code, header(dead.headers(), "error"), name);
        assertFalse(header(dead.headers(), "error.detail").isBlank());
        assertArrayEquals(payload, dead.value(), "the dead letter is the record as it came");
        assertEquals("s", new String(dead.key(), StandardCharsets.UTF_8));
        assertTrue(dlq.isEmpty());

        // The stream, and the other one, go on as if the bad record had not been sent.
        int next = code.equals("seq-gap") ? 6 : 1;
        for (int i = 1; i < chunks.size(); i++) {
            boolean eos = i == chunks.size() - 1;
            send("s", chunks.get(i), chunk(next + i - 1, 16_000, "s16le", eos));
            send("other", chunks.get(i), chunk(i, 16_000, "s16le", eos));
        }
        assertTrue(dlq.isEmpty(), "the records after the bad one are accepted");
        List<Transcript> results = readTranscripts();
        assertEquals(2, results.stream().filter(Transcript::isEos).count(), "both streams end normally");
    }

    @Test
    void aStrayChunkAheadOfTheStreamDoesNotDerailIt() {
        byte[] pcm = new byte[3200];
        send("s", pcm, chunk(0, 16_000, "s16le", false));
        send("s", pcm, chunk(99, 16_000, "s16le", false));
        send("s", pcm, chunk(1, 16_000, "s16le", false));
        send("s", pcm, chunk(2, 16_000, "s16le", true));
        assertEquals(List.of("seq-gap"), deadLetterCodes());
        assertEquals(1, readTranscripts().stream().filter(Transcript::isEos).count());
    }

    @Test
    void aStreamWhoseFirstChunksAreLostStartsAtTheNextOne() {
        byte[] pcm = new byte[3200];
        send("late", pcm, chunk(3, 16_000, "s16le", false));
        send("late", pcm, chunk(4, 16_000, "s16le", false));
        send("late", pcm, chunk(5, 16_000, "s16le", true));
        assertEquals(List.of("seq-gap"), deadLetterCodes());
        assertEquals(1, readTranscripts().stream().filter(Transcript::isEos).count());
    }

    @Test
    void audioAfterEosAndKeysThatAreNotStreamIdsAreRejected() {
        byte[] pcm = new byte[3200];
        send("done", pcm, chunk(0, 16_000, "s16le", true));
        send("done", pcm, chunk(1, 16_000, "s16le", false));
        send("done", pcm, chunk(0, 16_000, "s16le", true));
        input.pipeInput(new TestRecord<>(new byte[] {(byte) 0xff, (byte) 0xfe}, pcm, chunk(0, 16_000, "s16le", false)));
        input.pipeInput(new TestRecord<>(new byte[10_240], pcm, chunk(0, 16_000, "s16le", false)));
        input.pipeInput(new TestRecord<>(null, pcm, chunk(0, 16_000, "s16le", false)));
        assertEquals(List.of("after-eos", "duplicate", "bad-key", "bad-key", "bad-key"), deadLetterCodes());
    }

    @Test
    void idleStreamsAreFinalisedAndForgotten() {
        Audio audio = TestAudio.read(TestAudio.REPORT);
        List<byte[]> chunks = s16leChunks(audio, 500);
        for (int i = 0; i < chunks.size(); i++) send("quiet", chunks.get(i), chunk(i, audio.sampleRate(), "s16le", false));
        send("ended", new byte[320], chunk(0, 16_000, "s16le", true));
        readTranscripts();
        assertFalse(store().get(key("quiet")).ended());

        driver.advanceWallClockTime(CONFIG.idleTimeout().plus(Duration.ofSeconds(10)));

        List<Transcript> results = readTranscripts();
        assertEquals(1, results.size(), "exactly the eos final of the idle stream");
        assertTrue(results.get(0).isEos() && results.get(0).streamId().equals("quiet"));
        assertNull(store().get(key("quiet")));
        assertNull(store().get(key("ended")));
    }

    private void send(String streamId, byte[] payload, Headers headers) {
        clock = clock.plusMillis(10);
        input.pipeInput(new TestRecord<>(streamId.getBytes(StandardCharsets.UTF_8), payload, headers, clock));
    }

    private List<String> deadLetterCodes() {
        List<String> codes = new ArrayList<>();
        while (!dlq.isEmpty()) codes.add(header(dlq.readRecord().headers(), "error"));
        return codes;
    }

    private List<Transcript> readTranscripts() {
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

    private KeyValueStore<Bytes, StreamState> store() {
        return driver.getKeyValueStore(PipelineConfig.STORE);
    }

    private static Bytes key(String streamId) {
        return Bytes.wrap(streamId.getBytes(StandardCharsets.UTF_8));
    }

    static String finalText(List<Transcript> results) {
        return String.join(" ", results.stream().filter(Transcript::isFinal).map(Transcript::text).filter(t -> !t.isEmpty()).toList());
    }

    static List<byte[]> s16leChunks(Audio audio, int chunkMs) {
        int step = audio.sampleRate() * chunkMs / 1000;
        List<byte[]> out = new ArrayList<>();
        float[] x = audio.samples();
        for (int from = 0; from < x.length; from += step) out.add(PcmFormat.toS16le(x, from, Math.min(x.length, from + step)));
        return out;
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

    private static String header(Headers h, String name) {
        return new String(h.lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static byte[] nanF32() {
        ByteBuffer b = ByteBuffer.allocate(1600).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) b.putFloat(Float.NaN);
        return b.array();
    }

    private static byte[] wavHeader() {
        byte[] b = Arrays.copyOf("RIFF\0\0\0\0WAVEfmt ".getBytes(StandardCharsets.US_ASCII), 3200);
        return b;
    }
}
