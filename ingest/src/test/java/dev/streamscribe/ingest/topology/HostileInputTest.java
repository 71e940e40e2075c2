package dev.streamscribe.ingest.topology;

import dev.streamscribe.features.audio.Audio;
import dev.streamscribe.ingest.TestAudio;
import dev.streamscribe.ingest.TestStreams;
import dev.streamscribe.ingest.recognizer.FileTranscriber;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.streamscribe.ingest.topology.TopologyHarness.chunk;
import static dev.streamscribe.ingest.topology.TopologyHarness.f32le;
import static dev.streamscribe.ingest.topology.TopologyHarness.header;
import static dev.streamscribe.ingest.topology.TopologyHarness.headers;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Records a careless or malicious producer can write to {@code audio.chunks}, beyond the everyday mistakes of
 * {@link TranscriptionTopologyTest#badRecords()}: each must end up in the dead-letter topic with its stable code,
 * as it came, without an exception and without disturbing any stream, its own included.
 */
class HostileInputTest {
    private static final PipelineConfig CONFIG = PipelineConfig.DEFAULT;
    /** A name no file has: part of the path-like stream ids, so that a file made from one could be found. */
    private static final String CANARY = "streamscribe-path-canary-7f3a";
    private static final Set<String> CODES = Arrays.stream(Rejection.Code.values()).map(Rejection.Code::header).collect(Collectors.toSet());

    private static List<byte[]> speech;
    private static String offlineText;

    private TopologyHarness pipe;

    @BeforeAll
    static void speech() {
        Audio report = TestAudio.read(TestAudio.REPORT);
        speech = TestStreams.s16leChunks(report, 200);
        offlineText = new FileTranscriber(TestAudio.recognizer()).transcribe(TestAudio.path(TestAudio.REPORT)).text();
        assertFalse(offlineText.isBlank());
    }

    @BeforeEach
    void start() {
        pipe = new TopologyHarness(CONFIG);
    }

    @AfterEach
    void stop() {
        pipe.close();
    }

    /** name, key, payload, headers, expected code. Stream "s" has had chunk 0 (16 kHz s16le); stream "ended" has ended at seq 0. */
    static Stream<Arguments> hostileRecords() {
        byte[] pcm = new byte[3200];
        byte[] s = utf8("s");
        String tooLong = "1".repeat(65);
        return Stream.of(
                // samples
                Arguments.of("+Inf samples", s, f32le(Float.POSITIVE_INFINITY, 400), chunk(1, 16_000, "f32le", false), "bad-samples"),
                Arguments.of("-Inf samples", s, f32le(Float.NEGATIVE_INFINITY, 400), chunk(1, 16_000, "f32le", false), "bad-samples"),
                Arguments.of("one Inf among finite samples", s, oneInfinity(), chunk(1, 16_000, "f32le", false), "bad-samples"),
                // seq
                Arguments.of("seq -1", s, pcm, headers(Map.of("seq", "-1", "rate", "16000")), "bad-header"),
                Arguments.of("seq not a number", s, pcm, headers(Map.of("seq", "one", "rate", "16000")), "bad-header"),
                Arguments.of("seq with a fraction", s, pcm, headers(Map.of("seq", "1.0", "rate", "16000")), "bad-header"),
                Arguments.of("seq empty", s, pcm, headers(Map.of("seq", "", "rate", "16000")), "bad-header"),
                Arguments.of("seq beyond a long", s, pcm, headers(Map.of("seq", "99999999999999999999", "rate", "16000")), "bad-header"),
                Arguments.of("seq Long.MAX_VALUE, whose next would overflow", s, pcm, headers(Map.of("seq", "" + Long.MAX_VALUE, "rate", "16000")), "bad-header"),
                Arguments.of("seq far ahead", s, pcm, headers(Map.of("seq", "" + (Long.MAX_VALUE - 1), "rate", "16000")), "seq-gap"),
                Arguments.of("seq header of 65 bytes", s, pcm, headers(Map.of("seq", tooLong, "rate", "16000")), "bad-header"),
                Arguments.of("seq header without a value", s, pcm, nullSeq(), "bad-header"),
                // rate
                Arguments.of("rate abc", s, pcm, headers(Map.of("seq", "1", "rate", "abc")), "bad-rate"),
                Arguments.of("rate negative", s, pcm, headers(Map.of("seq", "1", "rate", "-16000")), "bad-rate"),
                Arguments.of("rate with a fraction", s, pcm, headers(Map.of("seq", "1", "rate", "16000.0")), "bad-rate"),
                Arguments.of("rate beyond an int", s, pcm, headers(Map.of("seq", "1", "rate", "" + Long.MAX_VALUE)), "bad-rate"),
                Arguments.of("rate just above the maximum", s, pcm, headers(Map.of("seq", "1", "rate", "48001")), "bad-rate"),
                Arguments.of("rate not UTF-8", s, pcm, rawHeader("rate", new byte[] {(byte) 0xff, (byte) 0xfe}), "bad-rate"),
                Arguments.of("rate header of 1 MB", s, pcm, headers(Map.of("seq", "1", "rate", "1".repeat(1 << 20))), "bad-header"),
                // format, channels, eos
                Arguments.of("format header of 1 KB", s, pcm, headers(Map.of("seq", "1", "format", "s".repeat(1024))), "bad-header"),
                Arguments.of("channels 0", s, pcm, headers(Map.of("seq", "1", "channels", "0")), "bad-channels"),
                Arguments.of("channels 9", s, pcm, headers(Map.of("seq", "1", "channels", "9")), "bad-channels"),
                Arguments.of("channels abc", s, pcm, headers(Map.of("seq", "1", "channels", "abc")), "bad-channels"),
                Arguments.of("eos yes", s, pcm, headers(Map.of("seq", "1", "eos", "yes")), "bad-header"),
                Arguments.of("eos TRUE", s, pcm, headers(Map.of("seq", "1", "eos", "TRUE")), "bad-header"),
                // keys
                Arguments.of("stream id of 10 KB", utf8("k".repeat(10_240)), pcm, chunk(0, 16_000, "s16le", false), "bad-key"),
                Arguments.of("stream id of 257 bytes", utf8("k".repeat(257)), pcm, chunk(0, 16_000, "s16le", false), "bad-key"),
                Arguments.of("key not UTF-8", new byte[] {'a', (byte) 0xc3, 0x28}, pcm, chunk(0, 16_000, "s16le", false), "bad-key"),
                Arguments.of("key with overlong UTF-8", new byte[] {(byte) 0xc0, (byte) 0xaf}, pcm, chunk(0, 16_000, "s16le", false), "bad-key"),
                Arguments.of("key with a UTF-8 surrogate", new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, pcm, chunk(0, 16_000, "s16le", false), "bad-key"),
                Arguments.of("key with a newline", utf8("call\n1"), pcm, chunk(0, 16_000, "s16le", false), "bad-key"),
                Arguments.of("key with NUL", utf8("call\u00001"), pcm, chunk(0, 16_000, "s16le", false), "bad-key"),
                Arguments.of("empty key", new byte[0], pcm, chunk(0, 16_000, "s16le", false), "bad-key"),
                // a stream that already ended
                Arguments.of("eos twice, same seq", utf8("ended"), new byte[0], chunk(0, 16_000, "s16le", true), "duplicate"),
                Arguments.of("eos twice, next seq", utf8("ended"), new byte[0], chunk(1, 16_000, "s16le", true), "after-eos"),
                // sizes
                Arguments.of("chunk over the byte limit", s, new byte[CONFIG.maxChunkBytes() + 2], chunk(1, 16_000, "s16le", false), "too-large"),
                Arguments.of("chunk over the 10 s limit", s, new byte[16_000 * 2 * 10 + 3200], chunk(1, 16_000, "s16le", false), "too-large"),
                Arguments.of("f32le of 3 bytes", s, new byte[3], chunk(1, 16_000, "f32le", false), "bad-length"),
                Arguments.of("half a stereo frame", s, new byte[2], headers(Map.of("seq", "1", "channels", "2")), "bad-length"),
                Arguments.of("no payload without eos", s, null, chunk(1, 16_000, "s16le", false), "bad-length"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileRecords")
    void aHostileRecordIsDeadLetteredAndNoStreamNotices(String name, byte[] key, byte[] payload, Headers headers, String code) {
        pipe.send("s", speech.get(0), chunk(0, 16_000, "s16le", false));
        pipe.send("other", speech.get(0), chunk(0, 16_000, "s16le", false));
        pipe.send("ended", new byte[320], chunk(0, 16_000, "s16le", true));
        assertEquals(List.of(), pipe.deadLetterCodes());
        List<Transcript> results = new ArrayList<>(pipe.readTranscripts());

        assertDoesNotThrow(() -> pipe.send(key, payload, headers), name);

        List<TestRecord<byte[], byte[]>> dead = pipe.dlq.readRecordsToList();
        assertEquals(1, dead.size(), name + ": one dead letter");
        Headers deadHeaders = dead.get(0).headers();
        assertEquals(code, header(deadHeaders, "error"), name);
        assertFalse(header(deadHeaders, "error.detail").isBlank());
        assertTrue(header(deadHeaders, "error.detail").length() < 1024, "the detail does not echo a huge input: " + name);
        assertArrayEquals(key, dead.get(0).key(), "the dead letter has the record's key as it came");
        assertArrayEquals(payload, dead.get(0).value(), "the dead letter has the record's payload as it came");
        Header[] original = headers.toArray();
        assertArrayEquals(original, Arrays.copyOf(deadHeaders.toArray(), original.length), "the record's headers come first, unchanged");
        assertEquals(List.of(), pipe.readTranscripts(), "a rejected record writes no transcript");

        // Both live streams play to the end as if the record had not been sent.
        for (int i = 1; i < speech.size(); i++) {
            boolean eos = i == speech.size() - 1;
            pipe.send("s", speech.get(i), chunk(i, 16_000, "s16le", eos));
            pipe.send("other", speech.get(i), chunk(i, 16_000, "s16le", eos));
        }
        assertEquals(List.of(), pipe.deadLetterCodes(), name + ": the records after it are accepted");
        results.addAll(pipe.readTranscripts());
        for (String id : List.of("s", "other")) {
            List<Transcript> mine = results.stream().filter(t -> t.streamId().equals(id)).toList();
            assertEquals(offlineText, TestStreams.finalText(mine), name + ": stream " + id);
            assertEquals(1, mine.stream().filter(Transcript::isEos).count(), name + ": stream " + id + " ends once");
        }
    }

    /**
     * A record the producer could not send back whole (the input topic may allow more than the pipeline's limit)
     * is dead-lettered without its bulk, so that its partition does not stall; see OversizedRecordTest for the broker.
     */
    @Test
    void aRecordTooLargeToDeadLetterWholeKeepsItsKeyAndCode() {
        byte[] huge = new byte[CONFIG.maxDeadLetterBytes()];
        pipe.send("big", huge, chunk(0, 16_000, "s16le", false));
        pipe.send(utf8("junk"), new byte[3200], headers(Map.of("seq", "x", "x-junk", "j".repeat(CONFIG.maxDeadLetterBytes()))));
        pipe.send(utf8("k".repeat(CONFIG.maxDeadLetterBytes())), huge, chunk(0, 16_000, "s16le", false));

        List<TestRecord<byte[], byte[]>> dead = pipe.dlq.readRecordsToList();
        assertEquals(List.of("too-large", "bad-header", "bad-key"), dead.stream().map(d -> header(d.headers(), "error")).toList());
        List<String> details = dead.stream().map(d -> header(d.headers(), "error.detail")).toList();
        assertTrue(details.get(0).endsWith("its payload dropped"), details.get(0));
        assertTrue(details.get(1).endsWith("its payload, headers dropped"), details.get(1));
        assertTrue(details.get(2).endsWith("its payload, headers, key dropped"), details.get(2));
        assertArrayEquals(utf8("big"), dead.get(0).key());
        assertEquals("0", header(dead.get(0).headers(), "seq"), "the headers stay when they fit");
        assertArrayEquals(utf8("junk"), dead.get(1).key());
        for (TestRecord<byte[], byte[]> d : dead) {
            assertEquals(null, d.value());
            long bytes = (d.key() == null ? 0 : d.key().length)
                    + Arrays.stream(d.headers().toArray()).mapToLong(h -> h.key().length() + h.value().length).sum();
            assertTrue(bytes < CONFIG.maxDeadLetterBytes() / 2, "a dead letter of " + bytes + " bytes");
        }
    }

    private void send(boolean held, byte[] key, byte[] payload, Headers headers) {
        if (held) pipe.hold(key, payload, headers);
        else pipe.send(key, payload, headers);
    }

    /**
     * Random records, valid and invalid mixed, from a fixed seed so a failure replays: every record is either
     * dead-lettered (once, with a known code, as it came, writing nothing else) or accepted (its stream's state moves
     * to the next seq), nothing throws, and a good stream woven through them gets its offline transcript. Held, the
     * records' audio waits for batch windows that close every 1-8 records, so streams run together, and a window's
     * results may be any stream's.
     */
    @ParameterizedTest(name = "held in batch windows: {0}")
    @ValueSource(booleans = {false, true})
    void fuzzedRecordsAreEachAcceptedOrDeadLetteredAndAGoodStreamIsUntouched(boolean held) {
        final int records = 2000;
        Random random = new Random(20261123L);
        ChunkFuzzer fuzz = new ChunkFuzzer(random, pipe);
        int every = records / speech.size();
        int goodSeq = 0;
        List<Transcript> good = new ArrayList<>();
        Map<String, Integer> outcomes = new HashMap<>();
        long start = System.nanoTime();
        for (int i = 0; i < records; i++) {
            if (held && random.nextInt(4) == 0) pipe.closeBatchWindow();
            if (i % every == 0 && goodSeq < speech.size()) {
                send(held, utf8("good"), speech.get(goodSeq), chunk(goodSeq, 16_000, "s16le", goodSeq == speech.size() - 1));
                goodSeq++;
                assertEquals(List.of(), pipe.deadLetterCodes(), "the good stream's chunk " + (goodSeq - 1) + " is accepted");
                good.addAll(pipe.readTranscripts());
            }
            ChunkFuzzer.Fuzzed r = fuzz.next();
            String what = "fuzz record " + i + ": " + r;
            assertDoesNotThrow(() -> send(held, r.key(), r.payload(), r.headers()), what);
            List<TestRecord<byte[], byte[]>> dead = pipe.dlq.readRecordsToList();
            List<Transcript> written = pipe.readTranscripts();
            if (held) {
                good.addAll(written);
                written = written.stream().filter(t -> !t.streamId().equals("good")).toList();
            }
            assertTrue(dead.size() <= 1, what);
            if (dead.size() == 1) {
                String code = header(dead.get(0).headers(), "error");
                assertTrue(CODES.contains(code), what + " got unknown code " + code);
                assertFalse(code.equals("internal"), what + ": the recogniser failed on it: " + header(dead.get(0).headers(), "error.detail"));
                assertArrayEquals(r.key(), dead.get(0).key(), what);
                assertArrayEquals(r.payload(), dead.get(0).value(), what);
                if (!held) assertEquals(List.of(), written, what + ": a rejected record writes no transcript");
                outcomes.merge(code, 1, Integer::sum);
            } else {
                StreamState state = pipe.state(Bytes.wrap(r.key()));
                assertNotNull(state, what + " was neither dead-lettered nor accepted");
                long seq = Long.parseLong(new String(r.headers().lastHeader("seq").value(), StandardCharsets.UTF_8).trim());
                assertEquals(seq + 1, state.nextSeq(), what + " was neither dead-lettered nor accepted");
                assertEquals(r.eos(), state.ended(), what);
                String id = new String(r.key(), StandardCharsets.UTF_8);
                if (!held) assertTrue(written.stream().allMatch(t -> t.streamId().equals(id)), what + " wrote transcripts of another stream");
                outcomes.merge("accepted", 1, Integer::sum);
            }
        }
        while (goodSeq < speech.size()) {
            pipe.send("good", speech.get(goodSeq), chunk(goodSeq, 16_000, "s16le", goodSeq == speech.size() - 1));
            goodSeq++;
        }
        pipe.closeBatchWindow();
        assertEquals(List.of(), pipe.deadLetterCodes());
        good.addAll(pipe.readTranscripts());
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("fuzz%s: %d records in %d ms, outcomes %s%n", held ? " (held)" : "", records, ms, outcomes);

        List<Transcript> mine = good.stream().filter(t -> t.streamId().equals("good")).toList();
        assertEquals(offlineText, TestStreams.finalText(mine), "the good stream's transcript");
        assertEquals(1, mine.stream().filter(Transcript::isEos).count());
        // The fuzz is only worth something if it reaches both paths, and the processor beyond the parser.
        assertTrue(outcomes.getOrDefault("accepted", 0) > records / 5, "too few fuzz records accepted: " + outcomes);
        assertTrue(outcomes.keySet().size() >= 10, "too few kinds of rejection: " + outcomes);
    }

    /**
     * Stored state can be bad too (a bug, a damaged disk, a model swapped under live streams). The next chunk of such
     * a stream must be dead-lettered as internal, or accepted where the damage happens to be readable, never thrown:
     * with the thread-replacing exception handler a throw would retry the same record forever and stall the partition.
     */
    @Test
    void aStreamWithDamagedStoredStateIsDeadLetteredNotFatal() {
        pipe.send("damaged", speech.get(0), chunk(0, 16_000, "s16le", false));
        pipe.send("damaged", speech.get(1), chunk(1, 16_000, "s16le", false));
        StreamState good = pipe.state(TopologyHarness.key("damaged"));
        Random random = new Random(5);
        Map<String, Integer> outcomes = new HashMap<>();
        for (int trial = 0; trial < 300; trial++) {
            byte[] bytes = good.recognizer().clone();
            String damage = switch (trial % 3) {
                case 0 -> {
                    bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length));
                    yield "truncated";
                }
                case 1 -> {
                    for (int k = 0; k <= random.nextInt(5); k++) bytes[random.nextInt(bytes.length)] ^= (byte) (1 + random.nextInt(255));
                    yield "bytes flipped";
                }
                default -> {
                    bytes = new byte[random.nextInt(20_000)];
                    random.nextBytes(bytes);
                    yield "garbage";
                }
            };
            pipe.putState(TopologyHarness.key("damaged"), new StreamState(good.rate(), good.format(), good.channels(),
                    good.nextSeq(), -1, good.lastSeenMs(), bytes));
            assertDoesNotThrow(() -> pipe.send("damaged", speech.get(2), chunk(2, 16_000, "s16le", false)), "trial " + trial + ", " + damage);
            List<String> codes = pipe.deadLetterCodes();
            assertTrue(codes.isEmpty() || codes.equals(List.of("internal")), "trial " + trial + ", " + damage + ": " + codes);
            pipe.readTranscripts();
            outcomes.merge(damage + (codes.isEmpty() ? " accepted" : " internal"), 1, Integer::sum);
        }
        System.out.println("damaged state: " + outcomes);

        for (int i = 0; i < speech.size(); i++) pipe.send("other", speech.get(i), chunk(i, 16_000, "s16le", i == speech.size() - 1));
        assertEquals(offlineText, TestStreams.finalText(pipe.readTranscripts()), "another stream is unaffected");
    }

    /**
     * A state the processor cannot decode at all (an incompatible version after an upgrade, a damaged envelope)
     * must not fail the task, which would then fail again at the same record after every restart: the chunk is
     * dead-lettered as state-unreadable and the stream goes on from its next chunk; an unreadable entry that no
     * chunk comes for is dropped by the idle expiry.
     */
    @Test
    void aStoredStateOfAnUnknownVersionCostsOneChunkNotThePartition() {
        for (String id : List.of("upgraded", "abandoned")) {
            pipe.send(id, speech.get(0), chunk(0, 16_000, "s16le", false));
            byte[] bytes = pipe.store().get(TopologyHarness.key(id));
            bytes[0] = 99; // the format version
            pipe.store().put(TopologyHarness.key(id), bytes);
        }
        pipe.readTranscripts();

        assertDoesNotThrow(() -> pipe.send("upgraded", speech.get(1), chunk(1, 16_000, "s16le", false)));
        assertEquals(List.of("state-unreadable"), pipe.deadLetterCodes());
        for (int i = 2; i < speech.size(); i++) pipe.send("upgraded", speech.get(i), chunk(i, 16_000, "s16le", i == speech.size() - 1));
        assertEquals(List.of(), pipe.deadLetterCodes(), "the chunks after the unreadable one are recognised");
        List<Transcript> after = pipe.readTranscripts();
        assertEquals(1, after.stream().filter(Transcript::isEos).count(), "the stream reaches its end of stream");
        assertFalse(TestStreams.finalText(after).isBlank(), "the rest of the stream is transcribed");

        assertDoesNotThrow(() -> pipe.driver.advanceWallClockTime(CONFIG.idleTimeout().plus(Duration.ofSeconds(10))));
        assertNull(pipe.store().get(TopologyHarness.key("abandoned")), "the idle expiry drops what it cannot read");
    }

    /**
     * Issue 4, security: a stream id is a name in the store, in transcripts and in log lines, never a path. Ids that
     * would read or write files if anything joined them to a folder (the ones with {@link #CANARY} would create it)
     * play to the end like any other stream, and afterwards no file or folder of that name exists anywhere a careless
     * join could have put it, and /etc/passwd is as it was.
     */
    @ParameterizedTest
    @ValueSource(strings = {"../../etc/passwd", "/etc/passwd", "../../" + CANARY + "/passwd", "/tmp/" + CANARY,
            "..\\..\\" + CANARY, "file:///tmp/" + CANARY, "~/" + CANARY, "${jndi:ldap://127.0.0.1:1/" + CANARY + "}", "..", "."})
    void aStreamIdThatLooksLikeAPathIsOnlyAName(String id) throws IOException {
        Path passwd = Path.of("/etc/passwd");
        FileTime passwdModified = Files.exists(passwd) ? Files.getLastModifiedTime(passwd) : null;
        assertEquals(List.of(), pathsNamedLikeTheCanary(), "before");

        for (int i = 0; i < speech.size(); i++) pipe.send(id, speech.get(i), chunk(i, 16_000, "s16le", i == speech.size() - 1));

        assertEquals(List.of(), pipe.deadLetterCodes());
        List<Transcript> results = pipe.readTranscripts();
        assertTrue(results.stream().allMatch(t -> t.streamId().equals(id)), "the transcripts carry the id as it came");
        assertEquals(offlineText, TestStreams.finalText(results));
        assertTrue(pipe.state(Bytes.wrap(utf8(id))).ended(), "the store knows the stream by its id");
        assertEquals(List.of(), pathsNamedLikeTheCanary(), "no file or folder was made from the stream id");
        if (passwdModified != null) assertEquals(passwdModified, Files.getLastModifiedTime(passwd));
    }

    /**
     * Files and folders whose name contains {@link #CANARY} under the working directory and the temporary directory
     * (where the driver keeps its RocksDB store), and in the home directory.
     */
    private static List<Path> pathsNamedLikeTheCanary() throws IOException {
        List<Path> found = new ArrayList<>();
        Map<String, Integer> depths = Map.of(".", 8, System.getProperty("java.io.tmpdir"), 8, System.getProperty("user.home"), 2);
        for (Map.Entry<String, Integer> root : depths.entrySet()) {
            Files.walkFileTree(Path.of(root.getKey()).toAbsolutePath().normalize(), Set.of(), root.getValue(), new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (file.getFileName().toString().contains(CANARY)) found.add(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE; // other processes' files come and go
                }
            });
        }
        return found;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] oneInfinity() {
        ByteBuffer b = ByteBuffer.wrap(f32le(0.1f, 400)).order(ByteOrder.LITTLE_ENDIAN);
        b.putFloat(4 * 200, Float.POSITIVE_INFINITY);
        return b.array();
    }

    private static Headers nullSeq() {
        RecordHeaders h = new RecordHeaders();
        h.add("seq", null);
        h.add("rate", utf8("16000"));
        return h;
    }

    private static Headers rawHeader(String name, byte[] value) {
        RecordHeaders h = new RecordHeaders();
        h.add("seq", utf8("1"));
        h.add(name, value);
        return h;
    }
}
