package dev.streamscribe.ingest.cli;

import dev.streamscribe.ingest.kafka.KafkaSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The README's security example, in each of the three spellings, gives the same client settings. */
class KafkaOptionsTest {
    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"asr\" password=\"s3cret\";";
    private static final KafkaSettings EXPECTED = new KafkaSettings("kafka-1:9093,kafka-2:9093", Map.of(
            "security.protocol", "SASL_SSL",
            "sasl.mechanism", "SCRAM-SHA-512",
            "sasl.jaas.config", JAAS,
            "ssl.truststore.location", "/etc/streamscribe/truststore.p12",
            "ssl.truststore.password", "changeit"));

    @Test
    void securitySettingsReadTheSameFromFlagsFileAndEnvironment(@TempDir Path dir) throws Exception {
        // No properties file, not even one in the working directory, unless the case names it.
        Map<String, String> noFile = Map.of("STREAMSCRIBE_CONFIG", dir.resolve("absent.properties").toString());
        Options flags = Options.parse(List.of("--bootstrap-servers", "kafka-1:9093,kafka-2:9093",
                "--kafka.security.protocol", "SASL_SSL", "--kafka.sasl.mechanism", "SCRAM-SHA-512", "--kafka.sasl.jaas.config", JAAS,
                "--kafka.ssl.truststore.location", "/etc/streamscribe/truststore.p12", "--kafka.ssl.truststore.password=changeit"), noFile);
        Path file = Files.writeString(dir.resolve("streamscribe.properties"), """
                bootstrap.servers=kafka-1:9093,kafka-2:9093
                kafka.security.protocol=SASL_SSL
                kafka.sasl.mechanism=SCRAM-SHA-512
                kafka.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="asr" password="s3cret";
                kafka.ssl.truststore.location=/etc/streamscribe/truststore.p12
                kafka.ssl.truststore.password=changeit
                """);
        Options fromFile = Options.parse(List.of("--config", file.toString()), Map.of());
        Options fromEnvironment = Options.parse(List.of(), Map.of(
                "STREAMSCRIBE_CONFIG", noFile.get("STREAMSCRIBE_CONFIG"),
                "STREAMSCRIBE_BOOTSTRAP_SERVERS", "kafka-1:9093,kafka-2:9093",
                "STREAMSCRIBE_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "STREAMSCRIBE_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                "STREAMSCRIBE_KAFKA_SASL_JAAS_CONFIG", JAAS,
                "STREAMSCRIBE_KAFKA_SSL_TRUSTSTORE_LOCATION", "/etc/streamscribe/truststore.p12",
                "STREAMSCRIBE_KAFKA_SSL_TRUSTSTORE_PASSWORD", "changeit"));
        for (Options o : List.of(flags, fromFile, fromEnvironment)) assertEquals(EXPECTED, KafkaOptions.kafka(o, "localhost:9092"));
    }
}
