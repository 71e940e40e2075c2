package dev.streamscribe.ingest.kafka;

import kafka.server.BrokerServer;
import kafka.server.ControllerServer;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

import java.nio.file.Path;

/**
 * A single-node KRaft broker (combined broker and controller) in this JVM, built from Kafka's own test kit:
 * what {@code ./asr demo} and the integration tests run against. Replication settings are those of one node.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private final KafkaClusterTestKit cluster;

    private EmbeddedKafka(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    /** Formats and starts a broker whose logs live under {@code dir} (deleted on close). */
    public static EmbeddedKafka start(Path dir) throws Exception {
        return start(dir, SecurityProtocol.PLAINTEXT);
    }

    /**
     * The same with its listeners speaking {@code protocol}. With SASL_PLAINTEXT the broker knows the test kit's PLAIN
     * users, among them the super user {@code plain-admin} (password {@code plain-admin-secret}), and refuses clients
     * that do not authenticate: how the tests show that security settings reach every client.
     */
    public static EmbeddedKafka start(Path dir, SecurityProtocol protocol) throws Exception {
        KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).setBaseDirectory(dir)
                .setBrokerSecurityProtocol(protocol).setControllerSecurityProtocol(protocol).build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("num.partitions", "1")
                .build();
        try {
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
        return new EmbeddedKafka(cluster);
    }

    /**
     * Stops the broker and its controller the way a restart does: clients lose their connections, the logs stay on
     * disk. {@link #startAgain()} brings it back on the same log directories and port.
     */
    public void stop() {
        cluster.brokers().values().forEach(b -> {
            b.shutdown();
            b.awaitShutdown();
        });
        cluster.controllers().values().forEach(c -> {
            c.shutdown();
            c.awaitShutdown();
        });
    }

    /** Starts a {@link #stop() stopped} broker again, from its logs, and waits until it serves clients. */
    public void startAgain() throws Exception {
        cluster.controllers().values().forEach(ControllerServer::startup);
        cluster.brokers().values().forEach(BrokerServer::startup);
        cluster.waitForReadyBrokers();
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
