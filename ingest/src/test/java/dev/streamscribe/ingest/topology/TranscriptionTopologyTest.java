package dev.streamscribe.ingest.topology;

import dev.streamscribe.decoder.HotWords;
import dev.streamscribe.features.audio.Audio;
import dev.streamscribe.ingest.TestAudio;
import dev.streamscribe.ingest.TestStreams;
import dev.streamscribe.ingest.recognizer.FileTranscriber;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.streamscribe.ingest.topology.TopologyHarness.chunk;
import static dev.streamscribe.ingest.topology.TopologyHarness.f32le;
import static dev.streamscribe.ingest.topology.TopologyHarness.header;
import static dev.streamscribe.ingest.topology.TopologyHarness.headers;
import static dev.streamscribe.ingest.topology.TopologyHarness.key;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TranscriptionTopologyTest {
    private static final PipelineConfig CONFIG = PipelineConfig.DEFAULT.withMaxChunkBytes(64_000);

    private TopologyHarness pipe;

    @BeforeEach
    void start() {
        pipe = new TopologyHarness(CONFIG);
    }

    @AfterEach
    void stop() {
        pipe.close();
    }

    @Test
    void aStreamInChunksGetsTheOfflineTranscript() {
        Audio audio = TestAudio.read(TestAudio.REPORT);
        List<byte[]> chunks = TestStreams.s16leChunks(audio, 100);
        for (int i = 0; i < chunks.size(); i++) send("call-1", chunks.get(i), chunk(i, audio.sampleRate(), "s16le", i == chunks.size() - 1));

        List<Transcript> results = pipe.readTranscripts();
        assertTrue(pipe.dlq.isEmpty(), "no dead letters for a good stream");
        assertTrue(results.stream().anyMatch(t -> !t.isFinal()), "partials arrive while the stream plays");
        Transcript last = results.get(results.size() - 1);
        assertTrue(last.isFinal() && last.isEos(), "the stream ends with an eos final");
        assertEquals(1, results.stream().filter(Transcript::isEos).count());
        assertTrue(results.stream().allMatch(t -> t.streamId().equals("call-1") && t.model() != null));
        String offline = new FileTranscriber(TestAudio.recognizer()).transcribe(TestAudio.path(TestAudio.REPORT)).text();
        assertEquals(offline, TestStreams.finalText(results));
        assertFalse(offline.isBlank(), "the shipped model hears words in the fixture");
        assertTrue(pipe.state(key("call-1")).ended(), "after eos only the small ended marker remains");
    }

    /**
     * A stream's hot words (the hotwords header of its first chunk) bring out a word the model misses in that stream
     * alone, and are kept in its stored state.
     */
    @Test
    void hotWordsOfAStreamBoostThatStreamOnly() throws Exception {
        Audio audio = TestAudio.read(TestAudio.REPORT);
        List<byte[]> chunks = TestStreams.s16leChunks(audio, 100);
        for (int i = 0; i < chunks.size(); i++) {
            boolean eos = i == chunks.size() - 1;
            Headers boosted = chunk(i, audio.sampleRate(), "s16le", eos);
            if (i == 0) boosted.add("hotwords", "noon:8".getBytes(StandardCharsets.UTF_8));
            send("boosted", chunks.get(i), boosted);
            send("plain", chunks.get(i), chunk(i, audio.sampleRate(), "s16le", eos));
            if (i == 5) {
                assertEquals(HotWords.parse("noon:8", ','),
                        TestAudio.recognizer().restore(pipe.state(key("boosted")).recognizer()).hotWords());
            }
        }
        List<Transcript> results = pipe.readTranscripts();
        assertTrue(pipe.dlq.isEmpty(), pipe.deadLetterCodes().toString());
        String plain = TestStreams.finalText(results.stream().filter(t -> t.streamId().equals("plain")).toList());
        String boosted = TestStreams.finalText(results.stream().filter(t -> t.streamId().equals("boosted")).toList());
        assertEquals(new FileTranscriber(TestAudio.recognizer()).transcribe(TestAudio.path(TestAudio.REPORT)).text(), plain);
        assertFalse(List.of(plain.split(" ")).contains("noon"), "the model misses the word: " + plain);
        assertTrue(List.of(boosted.split(" ")).contains("noon"), boosted);
    }

    /** A telephone stream in G.711 (format mulaw or alaw on the topic) is read as sox decodes it. */
    @ParameterizedTest
    @ValueSource(strings = {"mulaw", "alaw"})
    void aG711StreamGetsTheTranscriptOfItsDecodedAudio(String format, @TempDir Path dir) throws Exception {
        String encoding = format.equals("mulaw") ? "u-law" : "a-law";
        Path raw = dir.resolve("call.raw");
        Path decoded = dir.resolve("decoded.wav");
        String source = TestAudio.path(TestAudio.WEATHER_8K).toString();
        assertEquals(0, new ProcessBuilder("sox", source, "-t", "raw", "-e", encoding, "-b", "8", raw.toString()).inheritIO().start().waitFor());
        assertEquals(0, new ProcessBuilder("sox", "-t", "raw", "-r", "8000", "-c", "1", "-e", encoding, "-b", "8", raw.toString(),
                "-e", "signed-integer", "-b", "16", decoded.toString()).inheritIO().start().waitFor());
        byte[] bytes = Files.readAllBytes(raw);
        int chunks = (bytes.length + 799) / 800;
        for (int i = 0; i < chunks; i++) {
            send("tel", Arrays.copyOfRange(bytes, i * 800, Math.min(bytes.length, (i + 1) * 800)), chunk(i, 8000, format, i == chunks - 1));
        }
        List<Transcript> results = pipe.readTranscripts();
        assertTrue(pipe.dlq.isEmpty(), pipe.deadLetterCodes().toString());
        String offline = new FileTranscriber(TestAudio.recognizer()).transcribe(decoded).text();
        assertFalse(offline.isBlank());
        assertEquals(offline, TestStreams.finalText(results));
    }

    /**
     * Chunks of several streams that arrive within one batch window wait together (their audio stored with their
     * state, so a commit meanwhile loses nothing) and go through the model together when it closes; each stream
     * still gets its offline transcript, here at two sample rates.
     */
    @Test
    void streamsWithinOneBatchWindowWaitAndRunTogether() {
        Audio report = TestAudio.read(TestAudio.REPORT);
        Audio weather = TestAudio.read(TestAudio.WEATHER_8K);
        List<byte[]> a = TestStreams.s16leChunks(report, 100);
        List<byte[]> b = TestStreams.s16leChunks(weather, 100);
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            if (i < a.size()) pipe.hold("a", a.get(i), chunk(i, report.sampleRate(), "s16le", i == a.size() - 1));
            if (i < b.size()) pipe.hold("b", b.get(i), chunk(i, weather.sampleRate(), "s16le", i == b.size() - 1));
            if (i == 5) {
                assertEquals(List.of(), pipe.readTranscripts(), "nothing is recognised before the window closes");
                byte[] waiting = pipe.state(key("a")).recognizer();
                assertEquals(6, pipe.state(key("a")).nextSeq(), "each held chunk is accepted and stored at once");
                pipe.closeBatchWindow();
                assertFalse(pipe.readTranscripts().stream().filter(t -> t.streamId().equals("a")).toList().isEmpty(),
                        "the closed window ran both streams");
                assertFalse(Arrays.equals(waiting, pipe.state(key("a")).recognizer()), "the stored state moved past the model");
            }
            if (i % 3 == 2) pipe.closeBatchWindow();
        }
        pipe.closeBatchWindow();
        List<Transcript> results = pipe.readTranscripts();
        assertTrue(pipe.dlq.isEmpty());
        FileTranscriber offline = new FileTranscriber(TestAudio.recognizer());
        assertEquals(offline.transcribe(TestAudio.path(TestAudio.REPORT)).text(),
                TestStreams.finalText(results.stream().filter(t -> t.streamId().equals("a")).toList()));
        assertEquals(offline.transcribe(TestAudio.path(TestAudio.WEATHER_8K)).text(),
                TestStreams.finalText(results.stream().filter(t -> t.streamId().equals("b")).toList()));
    }

    /** A gap met while the stream's audio waits is remembered past the window, so the chunk after the stray goes on. */
    @Test
    void aGapWhileWaitingIsRememberedWhenTheWindowCloses() {
        Audio audio = TestAudio.read(TestAudio.REPORT);
        List<byte[]> chunks = TestStreams.s16leChunks(audio, 100);
        pipe.hold("g", chunks.get(0), chunk(0, audio.sampleRate(), "s16le", false));
        pipe.hold("g", chunks.get(1), chunk(1, audio.sampleRate(), "s16le", false));
        pipe.hold("g", chunks.get(3), chunk(3, audio.sampleRate(), "s16le", false));
        pipe.closeBatchWindow();
        pipe.hold("g", chunks.get(4), chunk(4, audio.sampleRate(), "s16le", false));
        pipe.closeBatchWindow();
        assertEquals(List.of("seq-gap"), pipe.deadLetterCodes(), "only the chunk after the gap; the next one resumes");
        assertEquals(5, pipe.state(key("g")).nextSeq());
    }

    /** A chunk of a second or more, or a full batch of waiting streams, does not wait for the window to close. */
    @Test
    void aLongChunkOrAFullBatchRunsWithoutWaitingForTheWindow() {
        Audio audio = TestAudio.read(TestAudio.REPORT);
        List<byte[]> seconds = TestStreams.s16leChunks(audio, 1500);
        pipe.hold("long", seconds.get(0), chunk(0, audio.sampleRate(), "s16le", false));
        assertFalse(pipe.readTranscripts().isEmpty(), "1.5 s of audio is recognised as it comes");

        int maxBatch = TestAudio.recognizer().config().maxBatch();
        List<byte[]> short100 = TestStreams.s16leChunks(audio, 100);
        for (int i = 0; i < maxBatch - 1; i++) pipe.hold("s" + i, short100.get(i % 10), chunk(0, audio.sampleRate(), "s16le", false));
        assertEquals(1, pipe.state(key("s0")).nextSeq(), "the waiting chunks are accepted and stored");
        byte[] waiting = pipe.state(key("s0")).recognizer();
        pipe.hold("s1", short100.get(1), chunk(1, audio.sampleRate(), "s16le", false));
        assertArrayEquals(waiting, pipe.state(key("s0")).recognizer(), "fewer streams than a batch wait");
        pipe.hold("s-last", short100.get(0), chunk(0, audio.sampleRate(), "s16le", false));
        assertFalse(Arrays.equals(waiting, pipe.state(key("s0")).recognizer()), "the stream that fills the batch runs it");
    }

    /**
     * The processor continues a stream from the recogniser its last record left in memory only while the store is
     * where that record left it. Here the store is rolled back, as an aborted transaction rolls it back, and the
     * chunks since are delivered again: the results must be those of the first delivery.
     */
    @Test
    void aRolledBackStoreIsResumedFromTheStoreNotFromMemory() {
        Audio audio = TestAudio.read(TestAudio.REPORT);
        List<byte[]> chunks = TestStreams.s16leChunks(audio, 100);
        int rollback = chunks.size() / 3;
        int upTo = 2 * chunks.size() / 3;
        for (int i = 0; i < rollback; i++) send("call-1", chunks.get(i), chunk(i, audio.sampleRate(), "s16le", false));
        StreamState committed = pipe.state(key("call-1"));
        pipe.readTranscripts();
        for (int i = rollback; i < upTo; i++) send("call-1", chunks.get(i), chunk(i, audio.sampleRate(), "s16le", false));
        List<String> first = pipe.readTranscripts().stream().map(t -> t.type() + t.audioMs() + t.text()).toList();

        pipe.putState(key("call-1"), committed);
        for (int i = rollback; i < upTo; i++) send("call-1", chunks.get(i), chunk(i, audio.sampleRate(), "s16le", false));
        List<String> again = pipe.readTranscripts().stream().map(t -> t.type() + t.audioMs() + t.text()).toList();

        assertFalse(first.isEmpty());
        assertEquals(first, again);
        assertTrue(pipe.dlq.isEmpty(), "the chunks are new to the rolled-back state, not duplicates");
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
                Arguments.of("hot word with a digit", good, withHeader(chunk(1, 16_000, "s16le", false), "hotwords", "route 66"), "bad-hotwords"),
                Arguments.of("hot words over the limit", good, withHeader(chunk(1, 16_000, "s16le", false), "hotwords", distinctWords(HotWords.MAX_ENTRIES + 1)), "bad-hotwords"),
                Arguments.of("missing seq", good, headers(Map.of("rate", "16000")), "bad-header"),
                Arguments.of("rate 0", good, chunk(1, 0, "s16le", false), "bad-rate"),
                Arguments.of("rate 10 MHz", good, chunk(1, 10_000_000, "s16le", false), "bad-rate"),
                Arguments.of("NaN samples", nanF32(), chunk(1, 16_000, "f32le", false), "bad-samples"),
                Arguments.of("WAV header in a raw stream", wavHeader(), chunk(1, 16_000, "s16le", false), "wav-in-raw"),
                Arguments.of("empty payload without eos", new byte[0], chunk(1, 16_000, "s16le", false), "bad-length"));
    }

    private static Headers withHeader(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    /** {@code n} different words, comma-separated: "ba,ca,...". */
    private static String distinctWords(int n) {
        List<String> words = new ArrayList<>();
        for (int i = 0; i < n; i++) words.add("" + (char) ('b' + i % 20) + (char) ('a' + i / 20));
        return String.join(",", words);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRecords")
    void aBadRecordIsDeadLetteredAndTheStreamGoesOn(String name, byte[] payload, Headers headers, String code) {
        Audio audio = TestAudio.read(TestAudio.REPORT);
        List<byte[]> chunks = TestStreams.s16leChunks(audio, 200);
        send("s", chunks.get(0), chunk(0, 16_000, "s16le", false));
        send("other", chunks.get(0), chunk(0, 16_000, "s16le", false));
        send("s", payload, headers);

        TestRecord<byte[], byte[]> dead = pipe.dlq.readRecord();
        assertEquals(code, header(dead.headers(), "error"), name);
        assertFalse(header(dead.headers(), "error.detail").isBlank());
        assertArrayEquals(payload, dead.value(), "the dead letter is the record as it came");
        assertEquals("s", new String(dead.key(), StandardCharsets.UTF_8));
        assertTrue(pipe.dlq.isEmpty());

        // The stream, and the other one, go on as if the bad record had not been sent.
        int next = code.equals("seq-gap") ? 6 : 1;
        for (int i = 1; i < chunks.size(); i++) {
            boolean eos = i == chunks.size() - 1;
            send("s", chunks.get(i), chunk(next + i - 1, 16_000, "s16le", eos));
            send("other", chunks.get(i), chunk(i, 16_000, "s16le", eos));
        }
        assertTrue(pipe.dlq.isEmpty(), "the records after the bad one are accepted");
        List<Transcript> results = pipe.readTranscripts();
        assertEquals(2, results.stream().filter(Transcript::isEos).count(), "both streams end normally");
    }

    /** A stray chunk ahead of the stream, then the expected ones; or the first chunks lost for good. */
    @ParameterizedTest(name = "seqs {0}")
    @MethodSource("seqsWithOneGap")
    void aGapCostsOneDeadLetterAndTheStreamGoesOn(List<Long> seqs) {
        byte[] pcm = new byte[3200];
        for (int i = 0; i < seqs.size(); i++) send("s", pcm, chunk(seqs.get(i), 16_000, "s16le", i == seqs.size() - 1));
        assertEquals(List.of("seq-gap"), pipe.deadLetterCodes());
        assertEquals(1, pipe.readTranscripts().stream().filter(Transcript::isEos).count());
    }

    static Stream<List<Long>> seqsWithOneGap() {
        return Stream.of(List.of(0L, 99L, 1L, 2L), List.of(3L, 4L, 5L));
    }

    @Test
    void audioAfterEosAndKeysThatAreNotStreamIdsAreRejected() {
        byte[] pcm = new byte[3200];
        send("done", pcm, chunk(0, 16_000, "s16le", true));
        send("done", pcm, chunk(1, 16_000, "s16le", false));
        send("done", pcm, chunk(0, 16_000, "s16le", true));
        pipe.send(new byte[] {(byte) 0xff, (byte) 0xfe}, pcm, chunk(0, 16_000, "s16le", false));
        pipe.send(new byte[10_240], pcm, chunk(0, 16_000, "s16le", false));
        pipe.send((byte[]) null, pcm, chunk(0, 16_000, "s16le", false));
        assertEquals(List.of("after-eos", "duplicate", "bad-key", "bad-key", "bad-key"), pipe.deadLetterCodes());
    }

    @Test
    void idleStreamsAreFinalisedAndForgotten() {
        Audio audio = TestAudio.read(TestAudio.REPORT);
        List<byte[]> chunks = TestStreams.s16leChunks(audio, 500);
        for (int i = 0; i < chunks.size(); i++) send("quiet", chunks.get(i), chunk(i, audio.sampleRate(), "s16le", false));
        send("ended", new byte[320], chunk(0, 16_000, "s16le", true));
        pipe.readTranscripts();
        assertFalse(pipe.state(key("quiet")).ended());

        pipe.driver.advanceWallClockTime(CONFIG.idleTimeout().plus(Duration.ofSeconds(10)));

        List<Transcript> results = pipe.readTranscripts();
        assertEquals(1, results.size(), "exactly the eos final of the idle stream");
        assertTrue(results.get(0).isEos() && results.get(0).streamId().equals("quiet"));
        assertNull(pipe.state(key("quiet")));
        assertNull(pipe.state(key("ended")));
    }

    private void send(String streamId, byte[] payload, Headers headers) {
        pipe.send(streamId, payload, headers);
    }

    private static byte[] nanF32() {
        return f32le(Float.NaN, 400);
    }

    private static byte[] wavHeader() {
        byte[] b = Arrays.copyOf("RIFF\0\0\0\0WAVEfmt ".getBytes(StandardCharsets.US_ASCII), 3200);
        return b;
    }
}
