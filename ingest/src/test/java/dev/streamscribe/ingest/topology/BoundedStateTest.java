package dev.streamscribe.ingest.topology;

import dev.streamscribe.features.audio.Audio;
import dev.streamscribe.ingest.TestAudio;
import dev.streamscribe.ingest.TestStreams;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;

import static dev.streamscribe.ingest.topology.TopologyHarness.chunk;
import static dev.streamscribe.ingest.topology.TopologyHarness.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DESIGN §6, "state bounded per stream": neither many streams nor long ones make the store grow without limit. */
class BoundedStateTest {
    /**
     * What one live stream may keep. The state is fixed-size model state (LSTM h and c, 2 x 2 x 256 floats = 4 KB;
     * conv context, 3 x 80 floats), audio shorter than one frame or resampler window, and the decoder's open
     * utterance, which maxUtteranceMs (20 s) caps: about 10 KB in practice. 64 KB leaves room for a bigger model
     * or beam, and is still small enough that 10,000 live streams fit in well under a GB of store.
     */
    private static final int MAX_LIVE_STATE_BYTES = 64 * 1024;
    /** After eos only the marker that tells late audio from a new stream stays. */
    private static final int MAX_ENDED_STATE_BYTES = 64;

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
            int endedBytes = pipe.store().get(key("short-0")).toBytes().length;
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

    @Test
    void aStreamsStateStaysSmallAndDoesNotGrowOverFiveMinutes() {
        final int minutes = 5;
        final int chunkMs = 200;
        Audio report = TestAudio.read(TestAudio.REPORT);
        Audio weather = TestAudio.read(TestAudio.WEATHER_8K);
        // Back-to-back speech keeps utterances open until maxUtteranceMs forces a final: the decoder's worst case.
        // Speech with pauses between repeats goes through the endpointer, at another rate, through the resampler.
        Map<String, Audio> streams = Map.of(
                "talker-16k", loop(report, 0, minutes),
                "pauses-8k", loop(weather, 2000, minutes));
        try (TopologyHarness pipe = new TopologyHarness(PipelineConfig.DEFAULT)) {
            Map<String, List<byte[]>> chunks = streams.entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> TestStreams.s16leChunks(e.getValue(), chunkMs)));
            int perMinute = 60_000 / chunkMs;
            Map<String, int[]> maxByMinute = streams.keySet().stream().collect(Collectors.toMap(Function.identity(), id -> new int[minutes]));
            long start = System.nanoTime();
            for (int seq = 0; seq < minutes * perMinute; seq++) {
                for (String id : streams.keySet()) {
                    pipe.send(id, chunks.get(id).get(seq), chunk(seq, streams.get(id).sampleRate(), "s16le", false));
                    int bytes = pipe.store().get(key(id)).toBytes().length;
                    int[] max = maxByMinute.get(id);
                    max[seq / perMinute] = Math.max(max[seq / perMinute], bytes);
                }
                pipe.readTranscripts(); // the output topic would otherwise hold every partial in memory
            }
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertEquals(List.of(), pipe.deadLetterCodes());
            for (String id : streams.keySet()) {
                int[] max = maxByMinute.get(id);
                System.out.printf("state of %s: max bytes per minute %s (%d min of audio in %d ms)%n", id, Arrays.toString(max), minutes, ms);
                int overall = Arrays.stream(max).max().orElseThrow();
                assertTrue(overall < MAX_LIVE_STATE_BYTES, id + ": state of " + overall + " bytes");
                // A leak grows with time; the open utterance only varies with where the speech is. 20 % is that variation.
                assertTrue(max[minutes - 1] <= max[0] * 1.2, id + ": state grew from " + max[0] + " bytes in the first minute to "
                        + max[minutes - 1] + " in the last");
            }
        }
    }

    /** {@code audio} repeated, with {@code gapMs} of silence after each repeat, until it lasts {@code minutes}. */
    private static Audio loop(Audio audio, int gapMs, int minutes) {
        int rate = audio.sampleRate();
        float[] out = new float[rate * 60 * minutes];
        int period = audio.samples().length + rate * gapMs / 1000;
        for (int at = 0; at < out.length; at += period) {
            System.arraycopy(audio.samples(), 0, out, at, Math.min(audio.samples().length, out.length - at));
        }
        return new Audio(out, rate);
    }
}
