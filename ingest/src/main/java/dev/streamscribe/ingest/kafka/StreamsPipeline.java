package dev.streamscribe.ingest.kafka;

import dev.streamscribe.ingest.metrics.PipelineMetrics;
import dev.streamscribe.ingest.recognizer.Recognizer;
import dev.streamscribe.ingest.topology.PipelineConfig;
import dev.streamscribe.ingest.topology.TranscriptionTopology;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/** The Kafka Streams application: the transcription topology with its settings, started and stopped as one. */
public final class StreamsPipeline implements AutoCloseable {
    /**
     * Settings of the Streams runtime. Instances with the same {@code applicationId} share the work of the input
     * partitions; each needs its own {@code stateDir}.
     */
    public record Settings(String applicationId, Path stateDir, int threads, String processingGuarantee,
                           Map<String, String> streamsOverrides) {
        public static Settings defaults(Path stateDir) {
            return new Settings("streamscribe", stateDir, 1, StreamsConfig.EXACTLY_ONCE_V2, Map.of());
        }

        public Settings withApplicationId(String id) {
            return new Settings(id, stateDir, threads, processingGuarantee, streamsOverrides);
        }

        public Settings withStreamsOverrides(Map<String, String> o) {
            return new Settings(applicationId, stateDir, threads, processingGuarantee, o);
        }
    }

    private final KafkaStreams streams;
    private final AtomicInteger replacedThreads = new AtomicInteger();

    private StreamsPipeline(KafkaStreams streams) {
        this.streams = streams;
    }

    public static StreamsPipeline start(KafkaSettings kafka, Recognizer recognizer, PipelineConfig config, Settings s) {
        return start(kafka, recognizer, config, s, PipelineMetrics.NONE);
    }

    public static StreamsPipeline start(KafkaSettings kafka, Recognizer recognizer, PipelineConfig config, Settings s,
                                        PipelineMetrics metrics) {
        StreamsPipeline pipeline = new StreamsPipeline(new KafkaStreams(
                TranscriptionTopology.build(recognizer, config, metrics), properties(kafka, config, s)));
        // A failing thread is replaced rather than taking the application down; its task restarts from the last commit.
        pipeline.streams.setUncaughtExceptionHandler(e -> {
            pipeline.replacedThreads.incrementAndGet();
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        pipeline.streams.start();
        return pipeline;
    }

    /**
     * The Streams configuration: the cluster's client settings (security included) as they are, which Streams hands
     * to every client it makes (main, restore and global consumers, producers, admin), then the pipeline's own.
     */
    static Properties properties(KafkaSettings kafka, PipelineConfig config, Settings s) {
        Map<String, Object> p = new HashMap<>();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, s.applicationId());
        p.put(StreamsConfig.STATE_DIR_CONFIG, s.stateDir().toString());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, s.threads());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, s.processingGuarantee());
        // Dead letters carry whole chunks, which may be as large as the input limit.
        p.put(StreamsConfig.producerPrefix("max.request.size"), config.maxDeadLetterBytes());
        // Kafka 5 makes this the default and warns at every start until it is set; the topology has no global state
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        p.putAll(s.streamsOverrides());
        return kafka.properties(p);
    }

    public void awaitRunning(Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (!streams.state().isRunningOrRebalancing() && streams.state() != KafkaStreams.State.CREATED) {
                throw new IllegalStateException("the Streams application stopped: " + streams.state());
            }
            if (System.nanoTime() > deadline) throw new TimeoutException("the Streams application is not running after " + timeout);
            Thread.sleep(50);
        }
    }

    /** How many stream threads died of an exception and were replaced since the start. */
    public int replacedThreads() {
        return replacedThreads.get();
    }

    public KafkaStreams streams() {
        return streams;
    }

    @Override
    public void close() {
        streams.close(Duration.ofSeconds(30));
    }
}
