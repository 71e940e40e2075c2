package dev.streamscribe.ingest.cli;

import dev.streamscribe.ingest.kafka.KafkaSettings;
import dev.streamscribe.ingest.metrics.PrometheusMetrics;
import dev.streamscribe.ingest.topology.PipelineConfig;
import dev.streamscribe.ingest.web.HttpSettings;
import dev.streamscribe.ingest.web.WebServer;

import java.nio.file.Path;
import java.time.Duration;

/** {@code ./asr serve}: the Streams application against any cluster, until stopped. */
final class ServeCommand implements Command {
    /** The port OpenTelemetry's Prometheus exporter uses. */
    static final int DEFAULT_METRICS_PORT = 9464;

    @Override
    public String name() {
        return "serve";
    }

    @Override
    public String summary() {
        return "run the transcription pipeline (Kafka Streams) against a Kafka cluster";
    }

    @Override
    public String usage() {
        return "usage: ./asr serve [options]\n" + KafkaOptions.HELP + "\n"
                + KafkaOptions.BROKER_TIMEOUT_HELP + "\n" + KafkaOptions.STREAMS_HELP + "\n"
                + KafkaOptions.PIPELINE_HELP + "\n"
                + "  --replication-factor N   of topics this command creates (default 1)\n" + RecognizerOptions.HELP + "\n"
                + HttpOptions.help(DEFAULT_METRICS_PORT) + "\n  Prometheus metrics are at http://HOST:PORT/metrics.";
    }

    @Override
    public int run(Options o) throws Exception {
        KafkaSettings kafka = KafkaOptions.kafka(o, "localhost:9092");
        PipelineConfig config = KafkaOptions.pipeline(o);
        KafkaOptions.requireBroker(o, kafka, "serve");
        kafka.createTopics(config, KafkaOptions.partitions(o), (short) o.getInt("replication-factor", 1));
        HttpSettings http = HttpOptions.from(o, DEFAULT_METRICS_PORT);
        try (StopSignal signal = new StopSignal();
             WebServer web = WebServer.start(http, 4);
             MonitoredPipeline app = MonitoredPipeline.start(o, kafka, config, KafkaOptions.streams(o, Path.of("data/state")))) {
            web.route(PrometheusMetrics.PATH, app.metrics().endpoint());
            app.pipeline().awaitRunning(Duration.ofMinutes(5));
            System.out.printf("serve: transcribing %s -> %s (dead letters: %s) on %s; metrics at %s; Ctrl-C stops%n",
                    config.inputTopic(), config.transcriptsTopic(), config.dlqTopic(), kafka.bootstrapServers(),
                    web.uri().resolve(PrometheusMetrics.PATH));
            signal.await();
        }
        return 0;
    }
}
