package dev.streamscribe.ingest.kafka;

import dev.streamscribe.ingest.TestAudio;
import dev.streamscribe.ingest.kafka.LiveFleet.Player;
import dev.streamscribe.ingest.kafka.LiveFleet.TestStream;
import dev.streamscribe.ingest.topology.PipelineConfig;
import dev.streamscribe.ingest.topology.Transcript;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static dev.streamscribe.ingest.kafka.LiveFleet.PARTITIONS;
import static dev.streamscribe.ingest.kafka.LiveFleet.await;
import static dev.streamscribe.ingest.kafka.LiveFleet.ms;
import static dev.streamscribe.ingest.kafka.LiveFleet.partition;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ARCHITECTURE.md §6, exactly-once: kill an instance mid-stream, or restart it, and the transcripts are exactly those of an
 * undisturbed run. Eight live streams on four partitions; every stream's committed transcript (read_committed, as
 * {@link TranscriptTail} reads) must be the offline transcript of the same audio, with no final lost, repeated or
 * out of order, and one eos final.
 */
class FailoverTest {
    /**
     * Every setting that decides how long a failover takes, in one place, cut from the production defaults so that a
     * test takes a minute rather than several. Both instances get them.
     */
    static final Map<String, String> FAST_FAILOVER = Map.of(
            // How long the group waits for a silent member before giving its partitions to the others (default 45 s);
            // 6 s is the broker's minimum, group.min.session.timeout.ms.
            "session.timeout.ms", "6000",
            "heartbeat.interval.ms", "1000",
            // A crashed instance leaves its transaction open, and every read_committed reader (the tail here, and the
            // survivor fetching the committed offsets and restoring the changelog) waits at it until the broker aborts
            // it: transaction.timeout.ms after it began (Streams' default 10 s), found by a scan every 10 s
            // (transaction.abort.timed.out.transaction.cleanup.interval.ms, the broker default EmbeddedKafka keeps).
            "transaction.timeout.ms", "5000",
            // Ten times Streams' exactly-once default, so that the victim almost surely dies inside a transaction,
            // with up to a second of processed chunks, partials and state changes uncommitted: the work the survivor
            // must redo exactly once. Committed transcripts lag by as much.
            "commit.interval.ms", "1000");
    /** After the last eos arrives, how long a duplicate has to show up: three commit intervals. */
    private static final Duration SETTLE = Duration.ofSeconds(3);

    private static final PipelineConfig CONFIG = PipelineConfig.DEFAULT;
    private static final String APP_ID = "streamscribe-failover";

    @Test
    void aKilledInstanceLosesAndDuplicatesNothing(@TempDir Path dir) throws Exception {
        try (EmbeddedKafka broker = EmbeddedKafka.start(dir.resolve("kafka"))) {
            LiveFleet.Setup setup = LiveFleet.on(broker, dir);
            KafkaSettings kafka = setup.kafka();
            List<TestStream> fleet = setup.fleet();
            TranscriptLog log = setup.log();
            Path victimLog = dir.resolve("victim.log");
            Process victim = startInOwnJvm(broker.bootstrapServers(), dir.resolve("victim-state"), victimLog);
            try (StreamsPipeline survivor = StreamsPipeline.start(kafka, TestAudio.recognizer(), CONFIG, settings(dir.resolve("survivor-state")));
                 TranscriptTail tail = new TranscriptTail(kafka, CONFIG.transcriptsTopic(), log);
                 Player player = new Player(kafka, CONFIG.inputTopic(), fleet)) {
                await("the two instances share the partitions", Duration.ofSeconds(120), () -> {
                    if (!victim.isAlive()) throw new AssertionError("the victim exited: " + tail(victimLog));
                    return running(survivor) && owned(survivor).size() == PARTITIONS / 2;
                });
                Set<Integer> survivorPartitions = owned(survivor);
                List<String> moved = LiveFleet.ids(fleet).stream().filter(id -> !survivorPartitions.contains(partition(id))).toList();
                player.start();

                await("a committed final of a stream on the victim", Duration.ofSeconds(60), () -> moved.stream().anyMatch(log::hasFinal));
                // The final shows just after the victim commits; half a commit interval later it is mid-transaction.
                Thread.sleep(Long.parseLong(FAST_FAILOVER.get("commit.interval.ms")) / 2);
                // Mid-stream for the pipeline: on a loaded machine the player may be done while the victim still lags.
                assertTrue(moved.stream().noneMatch(log::ended), "the victim dies mid-stream");
                long killedAt = System.nanoTime();
                long killedAtWallMs = System.currentTimeMillis();
                victim.destroyForcibly().waitFor();
                // Still open 2.5 s later, after the survivor has committed twice: the victim's. Informative only, a
                // kill can fall between two transactions.
                Thread.sleep(2500);
                List<String> leftOpen = openTransactionsStartedBefore(kafka, killedAtWallMs);
                await("the survivor owns every partition", Duration.ofSeconds(60), () -> running(survivor) && owned(survivor).size() == PARTITIONS);
                long reassignedAt = System.nanoTime();
                await("every stream ends", Duration.ofSeconds(120), () -> fleet.stream().allMatch(s -> log.ended(s.id())));
                player.await(Duration.ofSeconds(30));
                Thread.sleep(SETTLE.toMillis());

                System.out.printf("failover: kill -> partitions reassigned %d ms, -> first committed transcript of a moved stream %d ms, "
                                + "-> first final of a moved stream %d ms (moved: %s; transactions the victim left open: %s)%n",
                        ms(reassignedAt - killedAt), ms(log.first(moved, killedAt, t -> true) - killedAt),
                        ms(log.first(moved, killedAt, Transcript::isFinal) - killedAt), moved, leftOpen);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\n--- the victim's log and threads ---\n" + threadsAndLog(victim, victimLog), e);
            } finally {
                victim.destroyForcibly();
            }
            log.assertExactlyTheOfflineTranscripts(fleet, kafka, "failover");
        }
    }

    @Test
    void aRestartedInstanceLosesAndDuplicatesNothing(@TempDir Path dir) throws Exception {
        try (EmbeddedKafka broker = EmbeddedKafka.start(dir.resolve("kafka"))) {
            LiveFleet.Setup setup = LiveFleet.on(broker, dir);
            KafkaSettings kafka = setup.kafka();
            List<TestStream> fleet = setup.fleet();
            List<String> ids = setup.ids();
            TranscriptLog log = setup.log();
            StreamsPipeline.Settings settings = settings(dir.resolve("state"));
            try (TranscriptTail tail = new TranscriptTail(kafka, CONFIG.transcriptsTopic(), log);
                 Player player = new Player(kafka, CONFIG.inputTopic(), fleet)) {
                long closedAt;
                try (StreamsPipeline first = StreamsPipeline.start(kafka, TestAudio.recognizer(), CONFIG, settings)) {
                    first.awaitRunning(Duration.ofSeconds(60));
                    player.start();
                    await("a committed final", Duration.ofSeconds(60), () -> ids.stream().anyMatch(log::hasFinal));
                    assertTrue(ids.stream().noneMatch(log::ended), "the instance stops mid-stream");
                    closedAt = System.nanoTime();
                }
                long restartedAt = System.nanoTime();
                try (StreamsPipeline second = StreamsPipeline.start(kafka, TestAudio.recognizer(), CONFIG, settings)) {
                    await("every stream ends", Duration.ofSeconds(120), () -> ids.stream().allMatch(log::ended));
                    player.await(Duration.ofSeconds(30));
                    Thread.sleep(SETTLE.toMillis());
                }
                System.out.printf("restart: close took %d ms, close -> first final after the restart %d ms%n",
                        ms(restartedAt - closedAt), ms(log.first(ids, restartedAt, Transcript::isFinal) - closedAt));
            }
            log.assertExactlyTheOfflineTranscripts(fleet, kafka, "restart");
        }
    }

    // ---- the instances

    private static StreamsPipeline.Settings settings(Path stateDir) {
        return StreamsPipeline.Settings.defaults(stateDir).withApplicationId(APP_ID).withStreamsOverrides(FAST_FAILOVER);
    }

    /**
     * Starts the instance to be killed in a JVM of its own, because only killing a process is a crash. In process,
     * KafkaStreams.close(Duration.ZERO) or stopping its threads still shuts down cleanly in the background: it commits
     * or aborts its transaction, flushes and checkpoints its store and closes its clients. SIGKILL leaves what a crash,
     * an OOM kill or a lost machine leaves: an open transaction, uncheckpointed state and a member that stops
     * heartbeating, so the survivor only gets the partitions after the session timeout and only reads past the dead
     * transaction once the broker aborts it.
     */
    private static Process startInOwnJvm(String bootstrap, Path stateDir, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path"),
                PipelineProcess.class.getName(), bootstrap, APP_ID, stateDir.toString()));
        FAST_FAILOVER.forEach((k, v) -> command.add(k + "=" + v));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static boolean running(StreamsPipeline p) {
        return p.streams().state() == KafkaStreams.State.RUNNING;
    }

    /** The input partitions whose tasks the instance runs. */
    private static Set<Integer> owned(StreamsPipeline p) {
        return p.streams().metadataForLocalThreads().stream().flatMap(t -> t.activeTasks().stream())
                .flatMap(task -> task.topicPartitions().stream()).filter(tp -> tp.topic().equals(CONFIG.inputTopic()))
                .map(TopicPartition::partition).collect(Collectors.toSet());
    }

    private static String tail(Path log) {
        try {
            String text = Files.readString(log);
            return text.substring(Math.max(0, text.length() - 30_000));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** The end of the victim's log, with a thread dump (SIGQUIT) if it still runs: what it was stuck on. */
    private static String threadsAndLog(Process victim, Path log) {
        try {
            if (victim.isAlive()) {
                new ProcessBuilder("kill", "-QUIT", Long.toString(victim.pid())).start().waitFor();
                Thread.sleep(1000);
            }
        } catch (IOException | InterruptedException e) {
            // the log is still worth having
        }
        return tail(log);
    }

    /** Transactions still open that began before {@code wallMs}. */
    private static List<String> openTransactionsStartedBefore(KafkaSettings kafka, long wallMs) throws Exception {
        try (Admin admin = kafka.admin()) {
            List<String> ongoing = admin.listTransactions().all().get().stream()
                    .filter(t -> t.state() == TransactionState.ONGOING).map(TransactionListing::transactionalId).toList();
            if (ongoing.isEmpty()) return List.of();
            return admin.describeTransactions(ongoing).all().get().entrySet().stream()
                    .filter(e -> e.getValue().state() == TransactionState.ONGOING
                            && e.getValue().transactionStartTimeMs().orElse(Long.MAX_VALUE) < wallMs)
                    .map(Map.Entry::getKey).toList();
        }
    }
}
