package dev.streamscribe.ingest.topology;

import dev.streamscribe.features.audio.Audio;
import dev.streamscribe.ingest.TestAudio;
import dev.streamscribe.ingest.TestStreams;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

import static dev.streamscribe.ingest.topology.TopologyHarness.chunk;
import static dev.streamscribe.ingest.topology.TopologyHarness.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ARCHITECTURE.md §6, "bounded whatever the audio": neither many streams nor long ones make the store grow without limit. */
class BoundedStateTest {
    /**
     * What one live stream may keep. The state is fixed-size model state (LSTM h and c, 2 x 2 x 512 floats = 8 KB;
     * conv context, 3 x 80 floats), audio shorter than one frame or resampler window, and the decoder's open
     * utterance. That is capped by the decoder's node budget: at beam 64 over 20-s utterances at most 4,764 prefix
     * nodes of about 7 and at most 9 bytes (43 KB) and 64 hypotheses of 20 bytes, so with the fixed 10.6 KB under 56 KB whatever
     * the audio. Before the budget and the compact node encoding one open utterance of this stream reached 112.8 KB.
     */
    private static final int MAX_LIVE_STATE_BYTES = 64 * 1024;
    /** After eos only the marker that tells late audio from a new stream stays. */
    private static final int MAX_ENDED_STATE_BYTES = 64;
    private static final long MB = 1 << 20;
    /** How much more heap the last quarter of the long stream may hold than the first: GC noise, not growth. */
    private static final long HEAP_MARGIN_BYTES = 4 * MB;
    /** How much larger the long stream's smallest state may be in the last quarter than in the first. */
    private static final int STATE_MARGIN_BYTES = 512;

    @Test
    void aThousandShortStreamsLeaveAnEmptyStoreAfterTheIdleTimeout() {
        try (TopologyHarness pipe = new TopologyHarness(PipelineConfig.DEFAULT)) {
            Audio[] fixtures = {TestAudio.read(TestAudio.REPORT), TestAudio.read(TestAudio.WEATHER_8K)};
            Random random = new Random(42);
            List<List<byte[]>> streams = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                Audio a = fixtures[i % 2];
                int samples = a.sampleRate() * (100 + random.nextInt(201)) / 1000;
                int from = random.nextInt(a.samples().length - samples);
                streams.add(TestStreams.s16leChunks(new Audio(Arrays.copyOfRange(a.samples(), from, from + samples), a.sampleRate()), 100));
            }
            // Round robin, so all thousand are live at once; every tenth goes quiet without eos and is left to the idle timeout.
            List<Transcript> results = new ArrayList<>();
            for (int seq = 0; seq < 3; seq++) {
                for (int i = 0; i < streams.size(); i++) {
                    List<byte[]> chunks = streams.get(i);
                    if (seq >= chunks.size()) continue;
                    boolean eos = seq == chunks.size() - 1 && i % 10 != 9;
                    pipe.send("short-" + i, chunks.get(seq), chunk(seq, fixtures[i % 2].sampleRate(), "s16le", eos));
                }
                results.addAll(pipe.readTranscripts());
            }
            assertEquals(List.of(), pipe.deadLetterCodes());
            assertEquals(1000, pipe.storedStreams(), "900 ended markers and 100 quiet streams");
            int endedBytes = pipe.store().get(key("short-0")).length;
            assertTrue(endedBytes <= MAX_ENDED_STATE_BYTES, "ended marker of " + endedBytes + " bytes");

            pipe.driver.advanceWallClockTime(PipelineConfig.DEFAULT.idleTimeout().plus(Duration.ofSeconds(10)));

            results.addAll(pipe.readTranscripts());
            assertEquals(0, pipe.storedStreams(), "the store is empty once every stream is past the idle timeout");
            Map<String, Long> eosFinals = results.stream().filter(Transcript::isEos)
                    .collect(Collectors.groupingBy(Transcript::streamId, Collectors.counting()));
            assertEquals(1000, eosFinals.size(), "every stream, ended or gone quiet, gets its eos final");
            assertTrue(eosFinals.values().stream().allMatch(n -> n == 1), "and only one");
        }
    }

    /** Producers inventing stream ids cannot fill the store: past the limit a new stream's chunks are dead-lettered. */
    @Test
    void aPartitionKeepsNoMoreStreamsThanItsLimit() {
        PipelineConfig config = PipelineConfig.DEFAULT.withMaxStreams(3);
        byte[] pcm = new byte[3200];
        try (TopologyHarness pipe = new TopologyHarness(config)) {
            for (String id : List.of("a", "b", "c")) pipe.send(id, pcm, chunk(0, 16_000, "s16le", false));
            pipe.send("d", pcm, chunk(0, 16_000, "s16le", false));
            assertEquals(List.of("too-many-streams"), pipe.deadLetterCodes());
            pipe.send("a", pcm, chunk(1, 16_000, "s16le", true));
            pipe.send("b", pcm, chunk(1, 16_000, "s16le", false));
            assertEquals(List.of(), pipe.deadLetterCodes(), "the streams it keeps go on");
            pipe.send("e", pcm, chunk(0, 16_000, "s16le", false));
            assertEquals(List.of("too-many-streams"), pipe.deadLetterCodes(), "an ended stream counts until it expires");

            pipe.driver.advanceWallClockTime(config.idleTimeout().plus(Duration.ofSeconds(10)));
            pipe.send("d", pcm, chunk(0, 16_000, "s16le", false));
            assertEquals(List.of(), pipe.deadLetterCodes(), "once the others expired, a new stream starts");
            assertEquals(1, pipe.storedStreams());
        }
    }

    /**
     * Issue 4: a stream of 30 minutes, played at full speed, leaves the heap and its stored state as they were after its
     * first minutes. At 8 kHz the resampler runs throughout; the report said three times without a pause keeps an
     * utterance open until maxUtteranceMs forces a final (the decoder's worst case), the weather report with pauses
     * goes through the endpointer. Twenty samples, one per 90 s of audio: the heap after a full GC, the process RSS
     * (printed only: the JVM keeps what it has grown to) and the largest stored state of the slice.
     */
    @Test
    void aThirtyMinuteStreamKeepsHeapAndStateFlat() {
        final int minutes = 30;
        final int chunkMs = 200;
        final int samples = 20;
        Audio report = TestStreams.resample(TestAudio.read(TestAudio.REPORT), 8000);
        Audio weather = TestAudio.read(TestAudio.WEATHER_8K);
        Audio period = concat(List.of(report, report, report, silence(1000), weather, silence(2000), weather, silence(2000)));
        List<byte[]> chunks = TestStreams.s16leChunks(loop(period, minutes), chunkMs);
        int perSample = chunks.size() / samples;
        long[] heap = new long[samples];
        long[] rss = new long[samples];
        int[] maxState = new int[samples];
        int[] minState = new int[samples];
        Arrays.fill(minState, Integer.MAX_VALUE);
        int finals = 0;
        List<String> rejected = new ArrayList<>();
        long start = System.nanoTime();
        try (TopologyHarness pipe = new TopologyHarness(PipelineConfig.DEFAULT)) {
            for (int seq = 0; seq < samples * perSample; seq++) {
                pipe.send("long", chunks.get(seq), chunk(seq, 8000, "s16le", false));
                int slice = seq / perSample;
                int stateBytes = pipe.store().get(key("long")).length;
                maxState[slice] = Math.max(maxState[slice], stateBytes);
                minState[slice] = Math.min(minState[slice], stateBytes);
                finals += (int) pipe.readTranscripts().stream().filter(Transcript::isFinal).count();
                rejected.addAll(pipe.deadLetterCodes());
                pipe.discardChangelog();
                if ((seq + 1) % perSample == 0) {
                    heap[slice] = heapUsedAfterGc();
                    rss[slice] = residentSetBytes();
                }
            }
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        double audioMinutes = samples * perSample * chunkMs / 60_000.0;
        System.out.printf(Locale.ROOT, "long stream: %.1f min of 8 kHz audio in %d ms (%.0fx real time), %d finals%n"
                        + "  heap used after GC, KB, every %.1f min: %s%n  process RSS, MB: %s%n  stored state per slice, bytes, smallest: %s%n  largest: %s%n",
                audioMinutes, ms, audioMinutes * 60_000 / ms, finals, audioMinutes / samples, Arrays.toString(in(heap, 1024)),
                Arrays.toString(in(rss, MB)), Arrays.toString(minState), Arrays.toString(maxState));
        assertTrue(audioMinutes >= minutes - 0.5, "played " + audioMinutes + " min");
        assertEquals(List.of(), rejected);
        assertTrue(finals >= minutes * 4, "the stream was heard: " + finals + " finals");
        int quarter = samples / 4;
        long firstHeap = max(heap, 0, quarter);
        long lastHeap = max(heap, samples - quarter, samples);
        // A leak of 1 KB per chunk would add about 7 MB between the first and the last quarter.
        assertTrue(lastHeap <= firstHeap + HEAP_MARGIN_BYTES, "heap grew from " + firstHeap / MB + " MB in the first quarter to "
                + lastHeap / MB + " MB in the last");
        int overall = Arrays.stream(maxState).max().orElseThrow();
        assertTrue(overall < MAX_LIVE_STATE_BYTES, "state of " + overall + " bytes");
        // The largest state of a slice depends on the open utterance, which varies with the speech (and from run to run
        // with the order TensorFlow sums in); the smallest, just after a final, is the fixed part, which a leak would raise.
        assertTrue(max(minState, samples - quarter, samples) <= max(minState, 0, quarter) + STATE_MARGIN_BYTES,
                "state grew: smallest per slice " + Arrays.toString(minState));
    }

    private static long heapUsedAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** This process's resident set (VmRSS in /proc/self/status), or 0 where there is no /proc. */
    private static long residentSetBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        } catch (IOException e) {
            // not Linux: the figure is informative only
        }
        return 0;
    }

    private static long[] in(long[] bytes, long unit) {
        return Arrays.stream(bytes).map(b -> b / unit).toArray();
    }

    private static long max(long[] a, int from, int to) {
        return Arrays.stream(a, from, to).max().orElseThrow();
    }

    private static int max(int[] a, int from, int to) {
        return Arrays.stream(a, from, to).max().orElseThrow();
    }

    private static Audio silence(int ms) {
        return new Audio(new float[8000 * ms / 1000], 8000);
    }

    private static Audio concat(List<Audio> parts) {
        float[] out = new float[parts.stream().mapToInt(p -> p.samples().length).sum()];
        int at = 0;
        for (Audio p : parts) {
            System.arraycopy(p.samples(), 0, out, at, p.samples().length);
            at += p.samples().length;
        }
        return new Audio(out, parts.get(0).sampleRate());
    }

    /** {@code audio} repeated until it lasts {@code minutes}. */
    private static Audio loop(Audio audio, int minutes) {
        float[] out = new float[audio.sampleRate() * 60 * minutes];
        for (int at = 0; at < out.length; at += audio.samples().length) {
            System.arraycopy(audio.samples(), 0, out, at, Math.min(audio.samples().length, out.length - at));
        }
        return new Audio(out, audio.sampleRate());
    }
}
