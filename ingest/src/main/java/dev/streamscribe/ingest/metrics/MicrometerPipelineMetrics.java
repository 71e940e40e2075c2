package dev.streamscribe.ingest.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The pipeline's own meters, named {@code streamscribe.*} (in Prometheus: {@code streamscribe_audio_seconds_total},
 * {@code streamscribe_transcript_latency_seconds_bucket{type="partial"}}, ...; see the README for the list).
 * Histograms have fixed buckets around the latency and batch sizes that matter, so each is a dozen series.
 */
public final class MicrometerPipelineMetrics implements PipelineMetrics {
    private static final Duration[] LATENCY_BUCKETS = {Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(300), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)};
    private static final double[] BATCH_BUCKETS = {1, 2, 4, 8, 16, 32, 64, 128, 256};

    private final MeterRegistry registry;
    private final Counter audio;
    private final Counter processing;
    private final Timer partialLatency;
    private final Timer finalLatency;
    private final DistributionSummary batches;
    private final Map<String, Integer> activeByTask = new ConcurrentHashMap<>();
    /** One counter per code; the codes are the processor's fixed set, so this cannot grow with input. */
    private final Map<String, Counter> deadLetters = new ConcurrentHashMap<>();

    public MicrometerPipelineMetrics(MeterRegistry registry) {
        this.registry = registry;
        audio = Counter.builder("streamscribe.audio").baseUnit("seconds")
                .description("Audio the recogniser has processed").register(registry);
        processing = Counter.builder("streamscribe.processing").baseUnit("seconds")
                .description("Wall time the recogniser spent on it (features, model, decoder)").register(registry);
        Gauge.builder("streamscribe.real.time.factor", this, MicrometerPipelineMetrics::realTimeFactor).strongReference(true)
                .description("Processing time / audio time since start; rate(processing)/rate(audio) gives it over a window")
                .register(registry);
        partialLatency = latency("partial");
        finalLatency = latency("final");
        batches = DistributionSummary.builder("streamscribe.model.batch").baseUnit("streams")
                .description("Streams per model step").serviceLevelObjectives(BATCH_BUCKETS).register(registry);
        Gauge.builder("streamscribe.active.streams", activeByTask, m -> m.values().stream().mapToInt(Integer::intValue).sum())
                .strongReference(true).description("Streams with recogniser state in this instance's stores, not ended")
                .register(registry);
    }

    private Timer latency(String type) {
        return Timer.builder("streamscribe.transcript.latency").tag("type", type)
                .description("From the timestamp of the chunk record to the emission of the transcript it produced")
                .serviceLevelObjectives(LATENCY_BUCKETS).register(registry);
    }

    private double realTimeFactor() {
        double seconds = audio.count();
        return seconds == 0 ? 0 : processing.count() / seconds;
    }

    @Override
    public void recognised(double audioSeconds, long processingNanos) {
        audio.increment(audioSeconds);
        processing.increment(processingNanos / 1e9);
    }

    @Override
    public void modelBatch(int streams) {
        batches.record(streams);
    }

    /** A producer clock ahead of the pipeline's gives negative latencies; they count as 0 rather than vanish. */
    @Override
    public void transcriptEmitted(boolean isFinal, long latencyMs) {
        (isFinal ? finalLatency : partialLatency).record(Math.max(0, latencyMs), TimeUnit.MILLISECONDS);
    }

    @Override
    public void deadLettered(String code) {
        deadLetters.computeIfAbsent(code, c -> Counter.builder("streamscribe.dead.letters").tag("code", c)
                .description("Records sent to the dead-letter topic, by error code").register(registry)).increment();
    }

    @Override
    public void activeStreams(String task, int streams) {
        if (streams == 0) activeByTask.remove(task);
        else activeByTask.put(task, streams);
    }
}
