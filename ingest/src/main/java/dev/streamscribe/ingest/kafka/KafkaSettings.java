package dev.streamscribe.ingest.kafka;

import dev.streamscribe.ingest.topology.PipelineConfig;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * How the application reaches a cluster: the bootstrap servers plus any client settings given with the
 * {@code kafka.} prefix (e.g. {@code kafka.security.protocol=SASL_SSL}), which go to every client it makes —
 * Streams, producers, consumers and the admin client — so one place configures security for all of them.
 */
public record KafkaSettings(String bootstrapServers, Map<String, String> clientSettings) {
    public KafkaSettings {
        clientSettings = Map.copyOf(clientSettings);
    }

    public static KafkaSettings of(String bootstrapServers) {
        return new KafkaSettings(bootstrapServers, Map.of());
    }

    /** Client properties: the pass-through settings, then {@code overrides}, then the bootstrap servers. */
    public Properties properties(Map<String, ?> overrides) {
        Properties p = new Properties();
        p.putAll(clientSettings);
        p.putAll(overrides);
        p.put("bootstrap.servers", bootstrapServers);
        return p;
    }

    public Admin admin() {
        return Admin.create(properties(Map.of()));
    }

    /**
     * Fails with a one-line reason when no broker answers within {@code timeout}: Kafka's clients would otherwise
     * retry in silence for a minute and more.
     */
    public void checkReachable(Duration timeout) throws InterruptedException {
        try (Admin admin = admin()) {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis())).clusterId()
                    .get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("no Kafka broker answered at " + bootstrapServers + " within "
                    + (timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms")
                    + " (--bootstrap-servers)", e);
        }
    }

    /** Creates the pipeline's topics if they do not exist yet; existing ones are left as they are. */
    public void createTopics(PipelineConfig config, int partitions, short replication) throws InterruptedException {
        Map<String, String> dlqConfig = new HashMap<>(Map.of("max.message.bytes", String.valueOf(config.maxDeadLetterBytes())));
        List<NewTopic> topics = List.of(
                new NewTopic(config.inputTopic(), partitions, replication),
                new NewTopic(config.transcriptsTopic(), partitions, replication),
                new NewTopic(config.dlqTopic(), partitions, replication).configs(dlqConfig));
        try (Admin admin = admin()) {
            for (NewTopic t : topics) {
                try {
                    admin.createTopics(List.of(t)).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) throw new IllegalStateException("cannot create topic " + t.name() + ": " + e.getCause().getMessage(), e.getCause());
                }
            }
        }
    }
}
