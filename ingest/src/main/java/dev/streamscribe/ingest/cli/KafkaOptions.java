package dev.streamscribe.ingest.cli;

import dev.streamscribe.ingest.kafka.KafkaSettings;
import dev.streamscribe.ingest.kafka.StreamsPipeline;
import dev.streamscribe.ingest.topology.PipelineConfig;

import java.nio.file.Path;
import java.time.Duration;

/** The Kafka-side settings shared by serve, publish and demo: where the cluster is, the topics, the Streams runtime. */
final class KafkaOptions {
    static final String HELP = """
              --bootstrap-servers HOST:PORT   Kafka cluster (default localhost:9092)
              --kafka.NAME VALUE   any Kafka client setting, passed to every client (e.g. --kafka.security.protocol SASL_SSL)
              --input-topic T      audio chunks (default %s)
              --transcripts-topic T   results (default %s)
              --dlq-topic T        rejected chunks (default %s)
            """.formatted(PipelineConfig.DEFAULT.inputTopic(), PipelineConfig.DEFAULT.transcriptsTopic(),
            PipelineConfig.DEFAULT.dlqTopic()).stripTrailing();

    static final String STREAMS_HELP = """
              --application-id ID  Streams application id; instances with the same id share the partitions (default streamscribe)
              --state-dir DIR      local state of this instance (default data/state)
              --stream-threads N   Streams threads (default: the number of cores, %d here)
              --processing-guarantee exactly_once_v2|at_least_once   (default exactly_once_v2)
              --partitions N       partitions of topics this command creates (default %d)
            """.formatted(Runtime.getRuntime().availableProcessors(), 4).stripTrailing();

    /** The limits of {@link #pipeline}, which every command running the pipeline takes. */
    static final String PIPELINE_HELP = """
              --max-chunk-bytes N  larger chunks are dead-lettered (default %d)
              --idle-timeout-ms N  streams silent this long are finalised and forgotten (default %d)
              --max-streams N      streams a partition keeps at once; chunks of more new ones are dead-lettered (default %d)
              --batch-window-ms N  a chunk's audio waits up to this long for other streams' to share its model call (default %d; 0 = none)
            """.formatted(PipelineConfig.DEFAULT.maxChunkBytes(), PipelineConfig.DEFAULT.idleTimeout().toMillis(),
            PipelineConfig.DEFAULT.maxStreams(), PipelineConfig.DEFAULT.batchWindow().toMillis()).stripTrailing();

    private KafkaOptions() {}

    static KafkaSettings kafka(Options o, String fallbackBootstrap) {
        return new KafkaSettings(o.get("bootstrap-servers", fallbackBootstrap), o.withPrefix("kafka."));
    }

    /** How long a command that needs the cluster waits for a broker before it says none answered. */
    private static final int DEFAULT_BROKER_TIMEOUT_MS = 10_000;
    static final String BROKER_TIMEOUT_HELP = "  --broker-timeout-ms N   how long to wait for a broker to answer before giving up"
            + " (default " + DEFAULT_BROKER_TIMEOUT_MS + ")";

    /**
     * Says which cluster it waits for, then fails with a one-line reason, instead of retrying in silence, when no
     * broker answers within {@code --broker-timeout-ms}.
     */
    static void requireBroker(Options o, KafkaSettings kafka, String command) throws InterruptedException {
        System.out.println(command + ": connecting to " + kafka.bootstrapServers() + " ...");
        try {
            kafka.checkReachable(Duration.ofMillis(o.getInt("broker-timeout-ms", DEFAULT_BROKER_TIMEOUT_MS)));
        } catch (IllegalStateException e) {
            throw new UsageException(e.getMessage());
        }
    }

    static PipelineConfig pipeline(Options o) {
        PipelineConfig d = PipelineConfig.DEFAULT;
        return d.withTopics(o.get("input-topic", d.inputTopic()), o.get("transcripts-topic", d.transcriptsTopic()),
                        o.get("dlq-topic", d.dlqTopic()))
                .withMaxChunkBytes(o.getInt("max-chunk-bytes", d.maxChunkBytes()))
                .withIdleTimeout(Duration.ofMillis(o.getInt("idle-timeout-ms", (int) d.idleTimeout().toMillis())))
                .withMaxStreams(o.getInt("max-streams", d.maxStreams()))
                .withBatchWindow(Duration.ofMillis(o.getInt("batch-window-ms", (int) d.batchWindow().toMillis())));
    }

    static StreamsPipeline.Settings streams(Options o, Path defaultStateDir) {
        StreamsPipeline.Settings d = StreamsPipeline.Settings.defaults(defaultStateDir);
        return new StreamsPipeline.Settings(o.get("application-id", d.applicationId()),
                Path.of(o.get("state-dir", d.stateDir().toString())), streamThreads(o),
                o.get("processing-guarantee", d.processingGuarantee()), d.streamsOverrides());
    }

    /** One per core: a thread runs its records' model steps itself, batched across the streams of its tasks. */
    static int streamThreads(Options o) {
        return o.getInt("stream-threads", Runtime.getRuntime().availableProcessors());
    }

    static int partitions(Options o) {
        return o.getInt("partitions", 4);
    }
}
