package dev.streamscribe.ingest.kafka;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

import java.nio.file.Path;

/** The same scenario against the official broker image; skipped where there is no Docker engine. */
@Testcontainers(disabledWithoutDocker = true)
class KafkaContainerPipelineTest {
    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.0");

    @Test
    void twoInterleavedStreamsGetTheirOfflineTranscripts(@TempDir Path dir) throws Exception {
        TwoStreamScenario.run(KafkaSettings.of(KAFKA.getBootstrapServers()), dir.resolve("state"));
    }
}
