package dev.streamscribe.ingest.kafka;

import dev.streamscribe.ingest.TestAudio;
import dev.streamscribe.ingest.kafka.LiveFleet.Player;
import dev.streamscribe.ingest.topology.PipelineConfig;
import dev.streamscribe.ingest.topology.Transcript;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static dev.streamscribe.ingest.kafka.LiveFleet.await;
import static dev.streamscribe.ingest.kafka.LiveFleet.ms;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 4, broker trouble: the broker goes away mid-stream and comes back on the same log directories and port. The
 * application, with its production client settings, must ride it out: no thread dies, the client never stops, and
 * every stream's committed finals are those of an undisturbed run, none lost, none duplicated.
 */
class BrokerRestartTest {
    /**
     * Longer than the transaction timeout Streams uses (10 s) plus the broker's scan for timed-out transactions
     * (10 s): the transaction open at the stop is aborted by the broker when it is back, so the application's
     * producer is fenced and its tasks must redo that work exactly once.
     */
    private static final Duration DOWNTIME = Duration.ofSeconds(25);
    private static final Duration SETTLE = Duration.ofSeconds(3);
    private static final PipelineConfig CONFIG = PipelineConfig.DEFAULT;

    @Test
    void theApplicationRidesOutABrokerRestartAndLosesAndDuplicatesNothing(@TempDir Path dir) throws Exception {
        try (EmbeddedKafka broker = EmbeddedKafka.start(dir.resolve("kafka"))) {
            LiveFleet.Setup live = LiveFleet.on(broker, dir);
            List<String> ids = live.ids();
            TranscriptLog log = live.log();
            Set<KafkaStreams.State> statesWhileDown = EnumSet.noneOf(KafkaStreams.State.class);
            int replaced;
            try (StreamsPipeline app = StreamsPipeline.start(live.kafka(), TestAudio.recognizer(), CONFIG,
                         StreamsPipeline.Settings.defaults(dir.resolve("state")).withApplicationId("streamscribe-broker-restart"));
                 TranscriptTail tail = new TranscriptTail(live.kafka(), CONFIG.transcriptsTopic(), log);
                 Player player = new Player(live.kafka(), CONFIG.inputTopic(), live.fleet())) {
                app.awaitRunning(Duration.ofSeconds(60));
                player.start();
                await("a committed final", Duration.ofSeconds(60), () -> ids.stream().anyMatch(log::hasFinal));
                assertTrue(ids.stream().noneMatch(log::ended), "the broker stops mid-stream");

                long stoppedAt = System.nanoTime();
                broker.stop();
                long stopMs = ms(System.nanoTime() - stoppedAt);
                while (System.nanoTime() - stoppedAt < DOWNTIME.toNanos()) {
                    statesWhileDown.add(app.streams().state());
                    Thread.sleep(100);
                }
                long restartedAt = System.nanoTime();
                broker.startAgain();
                long servingAt = System.nanoTime();

                await("every stream ends", Duration.ofSeconds(180), () -> ids.stream().allMatch(log::ended));
                player.await(Duration.ofSeconds(30));
                Thread.sleep(SETTLE.toMillis());
                replaced = app.replacedThreads();
                assertEquals(KafkaStreams.State.RUNNING, app.streams().state(), "the application runs on");
                System.out.printf("broker restart: stop took %d ms, down %d s, start took %d ms, start -> first committed final %d ms;"
                                + " application states while down %s, stream threads replaced %d%n",
                        stopMs, DOWNTIME.toSeconds(), ms(servingAt - restartedAt), ms(log.first(ids, restartedAt, Transcript::isFinal) - restartedAt),
                        statesWhileDown, replaced);
            }
            assertTrue(EnumSet.of(KafkaStreams.State.RUNNING, KafkaStreams.State.REBALANCING).containsAll(statesWhileDown),
                    "the application waits for the broker instead of stopping: " + statesWhileDown);
            assertEquals(0, replaced, "no stream thread died of the outage");
            log.assertExactlyTheOfflineTranscripts(live.fleet(), live.kafka(), "broker restart");
        }
    }
}
