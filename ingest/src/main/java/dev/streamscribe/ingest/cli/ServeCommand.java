package dev.streamscribe.ingest.cli;

import dev.streamscribe.ingest.kafka.KafkaSettings;
import dev.streamscribe.ingest.kafka.StreamsPipeline;
import dev.streamscribe.ingest.recognizer.Recognizer;
import dev.streamscribe.ingest.topology.PipelineConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/** {@code ./asr serve}: the Streams application against any cluster, until stopped. */
final class ServeCommand implements Command {
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
        return "usage: ./asr serve [options]\n" + KafkaOptions.HELP + "\n" + KafkaOptions.STREAMS_HELP + "\n"
                + "  --replication-factor N   of topics this command creates (default 1)\n" + RecognizerOptions.HELP;
    }

    @Override
    public int run(Options o) throws Exception {
        KafkaSettings kafka = KafkaOptions.kafka(o, "localhost:9092");
        PipelineConfig config = KafkaOptions.pipeline(o);
        kafka.createTopics(config, KafkaOptions.partitions(o), (short) o.getInt("replication-factor", 1));
        CountDownLatch stop = new CountDownLatch(1);
        try (Recognizer recognizer = Recognizer.create(RecognizerOptions.from(o));
             StreamsPipeline pipeline = StreamsPipeline.start(kafka, recognizer, config,
                     KafkaOptions.streams(o, Path.of("data/state")))) {
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
            pipeline.awaitRunning(Duration.ofMinutes(5));
            System.out.printf("serve: transcribing %s -> %s (dead letters: %s) on %s; Ctrl-C stops%n",
                    config.inputTopic(), config.transcriptsTopic(), config.dlqTopic(), kafka.bootstrapServers());
            stop.await();
        }
        return 0;
    }
}
