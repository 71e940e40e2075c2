package dev.streamscribe.ingest.kafka;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The end-to-end scenario on a real broker: the in-process single-node KRaft cluster. */
class EmbeddedKafkaPipelineTest {
    @Test
    void twoInterleavedStreamsGetTheirOfflineTranscripts(@TempDir Path dir) throws Exception {
        try (EmbeddedKafka broker = EmbeddedKafka.start(dir.resolve("kafka"))) {
            TwoStreamScenario.run(KafkaSettings.of(broker.bootstrapServers()), dir.resolve("state"));
        }
    }
}
