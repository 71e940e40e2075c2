package dev.streamscribe.ingest.bench;

import dev.streamscribe.features.audio.Audio;
import dev.streamscribe.ingest.kafka.AudioPublisher;
import dev.streamscribe.ingest.kafka.KafkaSettings;
import dev.streamscribe.ingest.kafka.TranscriptTail;
import dev.streamscribe.ingest.topology.PipelineConfig;
import dev.streamscribe.ingest.topology.Transcript;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code ./asr bench streams}: rounds of N live streams played at once, in real time, into {@code audio.chunks},
 * with the results read back from {@code transcripts} by a read_committed consumer (what a client sees). Each
 * stream plays {@code seconds} of the tape from a random place, starting at a random moment within the first
 * chunk so that sends spread evenly, and ends with eos. The Streams application under test runs in another
 * process, whose CPU time and resident memory are measured; the broker, the player and the consumer run here.
 */
public final class LiveStreamsBench implements AutoCloseable {
    /** A result more than this late counts as late. */
    public static final double LATE_MS = 1000;

    /**
     * @param lookaheadMs audio a result needs beyond its {@code audioMs} (the feature window minus the hop)
     */
    public record Settings(int chunkMs, int seconds, double lookaheadMs, long seed) {}

    /**
     * One round's figures. Latencies in ms; {@code dropped} streams never got their eos final. CPU figures cover
     * the round from the first chunk to the last final: fractions of all cores ({@code otherCpu}: what the rest of
     * the machine used meanwhile), and the pipeline's CPU time per second of audio of one stream, which contention
     * disturbs least. Memory is the peak resident set, sampled every 250 ms.
     */
    public record Round(int streams, int seconds, LatencyMeter.Timing timing, int dropped, double cpu,
                        double cpuMsPerAudioSecond, double rssMb, double harnessCpu, double harnessRssMb, double otherCpu,
                        double load1, double sendLagP99Ms) {}

    private static final int CORES = Runtime.getRuntime().availableProcessors();
    private static final double MIB = 1 << 20;

    private final Settings settings;
    private final ProcessHandle pipeline;
    private final AudioTape tape;
    private final AudioPublisher publisher;
    private final LivePlayer player;
    private final TranscriptTail tail;
    private final Random random;
    private volatile LatencyMeter meter;
    private int round;

    public LiveStreamsBench(KafkaSettings kafka, PipelineConfig config, ProcessHandle pipeline, List<Audio> recordings,
                            int rate, Settings settings) {
        this.settings = settings;
        this.pipeline = pipeline;
        this.tape = AudioTape.of(recordings, rate);
        this.publisher = new AudioPublisher(kafka, config.inputTopic(), settings.chunkMs());
        this.player = new LivePlayer(tape, settings.chunkMs(), publisher);
        this.random = new Random(settings.seed());
        this.tail = new TranscriptTail(kafka, config.transcriptsTopic(), t -> {
            LatencyMeter m = meter;
            if (m != null) m.accept(t);
        });
    }

    public double tapeSeconds() {
        return tape.samples() / (double) tape.rate();
    }

    /** Plays {@code n} streams of {@code seconds} each and waits for their finals. */
    public Round run(int n, int seconds) throws InterruptedException {
        round++;
        int chunks = (int) Math.ceil(seconds * 1000.0 / settings.chunkMs());
        long t0 = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
        List<LiveStream> streams = new ArrayList<>();
        Map<String, LiveStream> byId = new HashMap<>();
        for (int i = 0; i < n; i++) {
            LiveStream s = new LiveStream("r" + round + "-" + i, Math.floorMod(random.nextLong(), tape.samples()),
                    t0 + (long) (random.nextDouble() * settings.chunkMs() * 1e6), chunks);
            streams.add(s);
            byId.put(s.id, s);
        }
        LatencyMeter m = new LatencyMeter(byId, player.chunkSamples(), tape.rate(), settings.lookaheadMs());
        meter = m;

        AtomicLong peakRss = new AtomicLong();
        AtomicLong peakHarnessRss = new AtomicLong();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> {
            peakRss.accumulateAndGet(ProcFs.residentBytes(pipeline.pid()), Math::max);
            peakHarnessRss.accumulateAndGet(ProcFs.residentBytes(ProcessHandle.current().pid()), Math::max);
        }, 0, 250, TimeUnit.MILLISECONDS);
        long cpu0 = cpuNanos(pipeline);
        long harness0 = cpuNanos(ProcessHandle.current());
        long[] machine0 = ProcFs.machineTicks();
        long wall0 = System.nanoTime();

        Samples lag = player.play(streams);
        double load1 = ProcFs.load1();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.max(30, seconds));
        while (streams.stream().anyMatch(s -> !s.ended()) && System.nanoTime() < deadline) Thread.sleep(20);

        double wall = (System.nanoTime() - wall0) * (double) CORES;
        long cpu = cpuNanos(pipeline) - cpu0;
        double harnessCpu = (cpuNanos(ProcessHandle.current()) - harness0) / wall;
        long[] machine1 = ProcFs.machineTicks();
        double machineBusy = machine1[1] == machine0[1] ? Double.NaN
                : (machine1[0] - machine0[0]) / (double) (machine1[1] - machine0[1]);
        sampler.shutdownNow();
        int dropped = (int) streams.stream().filter(s -> !s.ended()).count();
        return new Round(n, seconds, m.timing(LATE_MS), dropped, cpu / wall, cpu / 1e6 / ((double) n * seconds),
                peakRss.get() / MIB, harnessCpu, peakHarnessRss.get() / MIB, Math.max(0, machineBusy - cpu / wall - harnessCpu),
                load1, lag.percentile(99));
    }

    private static long cpuNanos(ProcessHandle p) {
        return p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    @Override
    public void close() throws InterruptedException {
        publisher.close();
        tail.close();
    }
}
