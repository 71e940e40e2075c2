package dev.streamscribe.ingest.cli;

import dev.streamscribe.ingest.TestAudio;
import dev.streamscribe.ingest.TestStreams;
import dev.streamscribe.ingest.kafka.EmbeddedKafka;
import dev.streamscribe.ingest.kafka.KafkaSettings;
import dev.streamscribe.ingest.kafka.TranscriptTail;
import dev.streamscribe.ingest.recognizer.FileTranscriber;
import dev.streamscribe.ingest.topology.PipelineConfig;
import dev.streamscribe.ingest.topology.Transcript;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 4, security: client settings given once, in any of the three spellings, reach every Kafka client the commands
 * make. The broker only speaks SASL_PLAINTEXT, so a client the settings did not reach cannot even connect: serve (admin
 * creating the topics, Streams with its consumers, producer and admin) reads them from a properties file, publish too,
 * reprocess --to-topic from flags, and the transcript tail and an admin client from the environment.
 */
class SecureClientsTest {
    private static final String JAAS = "org.apache.kafka.common.security.plain.PlainLoginModule required"
            + " username=\"plain-admin\" password=\"plain-admin-secret\";";
    private static final PipelineConfig CONFIG = PipelineConfig.DEFAULT;

    @Test
    void everyCommandsClientsAuthenticateWithTheConfiguredSettings(@TempDir Path dir) throws Exception {
        try (EmbeddedKafka broker = EmbeddedKafka.start(dir.resolve("kafka"), SecurityProtocol.SASL_PLAINTEXT)) {
            String bootstrap = broker.bootstrapServers();
            // Everything but the security settings, with a short timeout: the call gives up instead of retrying for a minute.
            try (Admin unconfigured = new KafkaSettings(bootstrap, Map.of("request.timeout.ms", "5000", "default.api.timeout.ms", "5000")).admin()) {
                ExecutionException refused = assertThrows(ExecutionException.class, () -> unconfigured.listTopics().names().get(),
                        "a client without the settings is not let in");
                assertTrue(refused.getCause() instanceof TimeoutException, refused.toString());
            }
            Path properties = Files.writeString(dir.resolve("secure.properties"), String.join("\n",
                    "bootstrap.servers=" + bootstrap,
                    "kafka.security.protocol=SASL_PLAINTEXT",
                    "kafka.sasl.mechanism=PLAIN",
                    "kafka.sasl.jaas.config=" + JAAS,
                    "state.dir=" + dir.resolve("state"),
                    "partitions=2", "lm=none", "threads=1", ""));
            KafkaSettings fromEnvironment = KafkaOptions.kafka(Options.parse(List.of(), Map.of(
                    "STREAMSCRIBE_BOOTSTRAP_SERVERS", bootstrap,
                    "STREAMSCRIBE_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT",
                    "STREAMSCRIBE_KAFKA_SASL_MECHANISM", "PLAIN",
                    "STREAMSCRIBE_KAFKA_SASL_JAAS_CONFIG", JAAS)), "localhost:9092");

            AtomicInteger serveExit = new AtomicInteger(-1);
            Thread serve = new Thread(() -> serveExit.set(Main.run(new String[] {"serve", "--config", properties.toString()})), "serve");
            serve.start();
            try (Admin admin = fromEnvironment.admin()) {
                long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                while (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(CONFIG.transcriptsTopic())) {
                    assertTrue(serve.isAlive(), "serve stopped with exit code " + serveExit.get());
                    assertTrue(System.nanoTime() < deadline, "serve has not created its topics");
                    Thread.sleep(200);
                }
            }
            List<Transcript> transcripts = Collections.synchronizedList(new ArrayList<>());
            try (TranscriptTail tail = new TranscriptTail(fromEnvironment, CONFIG.transcriptsTopic(), transcripts::add)) {
                CliRun publish = CliRun.of("publish", "--config", properties.toString(), "--stream-id", "secure-file",
                        TestAudio.path(TestAudio.REPORT).toString());
                assertEquals(0, publish.exitCode(), publish.stderr());
                Path archive = Files.createDirectories(dir.resolve("archive"));
                Files.copy(TestAudio.path(TestAudio.WEATHER_8K), archive.resolve("weather.wav"));
                CliRun reprocess = CliRun.of("reprocess", archive.toString(), "--to-topic", "--stream-prefix", "archive/",
                        "--bootstrap-servers", bootstrap, "--kafka.security.protocol", "SASL_PLAINTEXT",
                        "--kafka.sasl.mechanism", "PLAIN", "--kafka.sasl.jaas.config", JAAS);
                assertEquals(0, reprocess.exitCode(), reprocess.stderr());

                long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                while (ended(transcripts) < 2) {
                    assertTrue(serve.isAlive(), "serve stopped with exit code " + serveExit.get());
                    assertTrue(System.nanoTime() < deadline, "both streams end; got " + transcripts.size() + " transcripts");
                    Thread.sleep(100);
                }
            } finally {
                serve.interrupt();
                serve.join(60_000);
            }
            assertFalse(serve.isAlive(), "serve stops when interrupted");
            FileTranscriber offline = new FileTranscriber(TestAudio.recognizer());
            assertEquals(offline.transcribe(TestAudio.path(TestAudio.REPORT)).text(), finalText(transcripts, "secure-file"));
            assertEquals(offline.transcribe(TestAudio.path(TestAudio.WEATHER_8K)).text(), finalText(transcripts, "archive/weather.wav"));
        }
    }

    private static long ended(List<Transcript> transcripts) {
        synchronized (transcripts) {
            return transcripts.stream().filter(Transcript::isEos).count();
        }
    }

    private static String finalText(List<Transcript> transcripts, String streamId) {
        synchronized (transcripts) {
            return TestStreams.finalText(transcripts.stream().filter(t -> t.streamId().equals(streamId)).toList());
        }
    }
}
