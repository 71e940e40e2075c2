package dev.streamscribe.ingest.kafka;

import dev.streamscribe.ingest.TestAudio;
import dev.streamscribe.ingest.topology.PipelineConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 4, security: the client settings of {@link KafkaSettings} reach every client the application makes, without a
 * broker. {@code SecureClientsTest} shows the same against a broker that only takes SASL clients.
 */
class ClientSecurityTest {
    private static final Map<String, String> SASL_SSL_SCRAM = Map.of(
            "security.protocol", "SASL_SSL",
            "sasl.mechanism", "SCRAM-SHA-512",
            "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"asr\" password=\"secret\";",
            "ssl.truststore.location", "/nonexistent/streamscribe-truststore.jks",
            "ssl.truststore.password", "changeit");

    @Test
    void streamsHandsTheSettingsToEveryClientItMakes(@TempDir Path dir) {
        StreamsConfig config = new StreamsConfig(StreamsPipeline.properties(new KafkaSettings("127.0.0.1:1", SASL_SSL_SCRAM),
                PipelineConfig.DEFAULT, StreamsPipeline.Settings.defaults(dir)));
        Map<String, Map<String, Object>> clients = new LinkedHashMap<>();
        clients.put("main consumer", config.getMainConsumerConfigs("group", "client", 0));
        clients.put("restore consumer", config.getRestoreConsumerConfigs("client"));
        clients.put("global consumer", config.getGlobalConsumerConfigs("client"));
        clients.put("producer", config.getProducerConfigs("client"));
        clients.put("admin", config.getAdminConfigs("client"));
        clients.forEach((client, settings) -> SASL_SSL_SCRAM.forEach((key, value) ->
                assertEquals(value, String.valueOf(settings.get(key)), client + ": " + key)));
    }

    /**
     * Each factory builds its client from the settings at once: with a truststore that does not exist, every one of
     * them fails there, naming it. A factory that dropped the settings would build a plaintext client and fail later,
     * if at all, for another reason.
     */
    @Test
    void everyClientFactoryBuildsItsClientWithTheSettings(@TempDir Path dir) {
        KafkaSettings kafka = new KafkaSettings("127.0.0.1:1", SASL_SSL_SCRAM);
        PipelineConfig config = PipelineConfig.DEFAULT;
        Map<String, Executable> factories = new LinkedHashMap<>();
        factories.put("admin", () -> kafka.admin().close());
        factories.put("producer", () -> new AudioPublisher(kafka, config.inputTopic(), 100).close());
        factories.put("consumer", () -> new TranscriptTail(kafka, config.transcriptsTopic(), t -> {}).close());
        factories.put("streams", () -> StreamsPipeline.start(kafka, TestAudio.recognizer(), config, StreamsPipeline.Settings.defaults(dir)).close());
        factories.forEach((client, make) -> {
            Throwable e = assertThrows(Throwable.class, make, client);
            StringBuilder causes = new StringBuilder();
            for (Throwable t = e; t != null; t = t.getCause()) causes.append(t).append('\n');
            assertTrue(causes.toString().contains(SASL_SSL_SCRAM.get("ssl.truststore.location")), client + " failed otherwise:\n" + causes);
        });
    }
}
