package dev.streamscribe.ingest.kafka;

import dev.streamscribe.decoder.Word;
import dev.streamscribe.features.audio.Audio;
import dev.streamscribe.features.audio.Resampler;
import dev.streamscribe.features.audio.WavWriter;
import dev.streamscribe.ingest.TestAudio;
import dev.streamscribe.ingest.TestStreams;
import dev.streamscribe.ingest.recognizer.FileTranscriber;
import dev.streamscribe.ingest.recognizer.FileTranscriber.FileTranscript;
import dev.streamscribe.ingest.topology.PipelineConfig;
import dev.streamscribe.ingest.topology.Transcript;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DESIGN §6, reliability: kill an instance mid-stream, or restart it, and the transcripts are exactly those of an
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
    private static final int PARTITIONS = 4;
    private static final int STREAMS = 8;

    @Test
    void aKilledInstanceLosesAndDuplicatesNothing(@TempDir Path dir) throws Exception {
        try (EmbeddedKafka broker = EmbeddedKafka.start(dir.resolve("kafka"))) {
            KafkaSettings kafka = KafkaSettings.of(broker.bootstrapServers());
            kafka.createTopics(CONFIG, PARTITIONS, (short) 1);
            List<TestStream> fleet = fleet(dir);
            TranscriptLog log = new TranscriptLog();
            Path victimLog = dir.resolve("victim.log");
            Process victim = startInOwnJvm(broker.bootstrapServers(), dir.resolve("victim-state"), victimLog);
            try (StreamsPipeline survivor = StreamsPipeline.start(kafka, TestAudio.recognizer(), CONFIG, settings(dir.resolve("survivor-state")));
                 TranscriptTail tail = new TranscriptTail(kafka, CONFIG.transcriptsTopic(), log);
                 LivePlayer player = new LivePlayer(kafka, fleet)) {
                await("the two instances share the partitions", Duration.ofSeconds(120), () -> {
                    if (!victim.isAlive()) throw new AssertionError("the victim exited: " + tail(victimLog));
                    return running(survivor) && owned(survivor).size() == PARTITIONS / 2;
                });
                Set<Integer> survivorPartitions = owned(survivor);
                List<String> moved = fleet.stream().map(TestStream::id).filter(id -> !survivorPartitions.contains(partition(id))).toList();
                player.start();

                await("a committed final of a stream on the victim", Duration.ofSeconds(60), () -> moved.stream().anyMatch(log::hasFinal));
                // The final shows just after the victim commits; half a commit interval later it is mid-transaction.
                Thread.sleep(Long.parseLong(FAST_FAILOVER.get("commit.interval.ms")) / 2);
                assertTrue(moved.stream().noneMatch(player::sentEos), "the victim dies mid-stream");
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
            assertExactlyTheOfflineTranscripts(fleet, log);
            assertEquals(List.of(), TwoStreamScenario.deadLetterCodes(kafka, CONFIG.dlqTopic()),
                    "no chunk was seen twice against committed state (it would be dead-lettered as a duplicate)");
        }
    }

    @Test
    void aRestartedInstanceLosesAndDuplicatesNothing(@TempDir Path dir) throws Exception {
        try (EmbeddedKafka broker = EmbeddedKafka.start(dir.resolve("kafka"))) {
            KafkaSettings kafka = KafkaSettings.of(broker.bootstrapServers());
            kafka.createTopics(CONFIG, PARTITIONS, (short) 1);
            List<TestStream> fleet = fleet(dir);
            List<String> ids = fleet.stream().map(TestStream::id).toList();
            TranscriptLog log = new TranscriptLog();
            StreamsPipeline.Settings settings = settings(dir.resolve("state"));
            try (TranscriptTail tail = new TranscriptTail(kafka, CONFIG.transcriptsTopic(), log);
                 LivePlayer player = new LivePlayer(kafka, fleet)) {
                long closedAt;
                try (StreamsPipeline first = StreamsPipeline.start(kafka, TestAudio.recognizer(), CONFIG, settings)) {
                    first.awaitRunning(Duration.ofSeconds(60));
                    player.start();
                    await("a committed final", Duration.ofSeconds(60), () -> ids.stream().anyMatch(log::hasFinal));
                    assertTrue(ids.stream().noneMatch(player::sentEos), "the instance stops mid-stream");
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
            assertExactlyTheOfflineTranscripts(fleet, log);
            assertEquals(List.of(), TwoStreamScenario.deadLetterCodes(kafka, CONFIG.dlqTopic()));
        }
    }

    /**
     * Per stream: everything committed is in order without repeats (utterance, then audio position, partials before
     * their final), the finals are utterances 0, 1, 2, ... with the same words at the same times as offline, and the
     * eos final comes once, last.
     */
    private static void assertExactlyTheOfflineTranscripts(List<TestStream> fleet, TranscriptLog log) {
        Comparator<Transcript> order = Comparator.comparingInt(Transcript::utterance).thenComparingLong(Transcript::audioMs)
                .thenComparing(Transcript::isFinal);
        for (TestStream s : fleet) {
            List<Transcript> all = log.of(s.id());
            for (int i = 1; i < all.size(); i++) {
                assertTrue(order.compare(all.get(i - 1), all.get(i)) < 0, s.id() + ": transcript " + i + " repeats or goes back: "
                        + all.get(i - 1) + " then " + all.get(i));
            }
            List<Transcript> finals = all.stream().filter(Transcript::isFinal).toList();
            for (int i = 0; i < finals.size(); i++) assertEquals(i, finals.get(i).utterance(), s.id() + ": final " + i + " of " + finals);
            assertEquals(1, finals.stream().filter(Transcript::isEos).count(), s.id() + ": one eos final");
            assertTrue(all.get(all.size() - 1).isEos(), s.id() + ": the eos final comes last");
            assertEquals(s.offline().text(), TestStreams.finalText(finals), s.id());
            assertEquals(timed(s.offline().words()), timed(finals.stream().flatMap(t -> t.words().stream()).toList()), s.id());
        }
        assertFalse(fleet.get(0).offline().text().isBlank(), "the model hears words in the fixtures");
    }

    private static List<String> timed(List<Word> words) {
        return words.stream().map(w -> w.word() + "@" + w.startMs() + "-" + w.endMs()).toList();
    }

    // ---- the streams

    /** One stream: its audio, how it is cut, and the offline transcript of the same audio written as a WAV file. */
    private record TestStream(String id, Audio audio, int chunkMs, FileTranscript offline) {}

    /**
     * Eight streams, two per partition so that both instances have some: the two fixtures as they are and resampled
     * (16 kHz, 8 kHz, 8 kHz from 16, 22.05 kHz from 8), each said three times with pauses (10-12 s), cut into chunks
     * of 100 to 200 ms. The WAVs hold the very samples the chunks carry, so offline and streaming hear the same audio.
     */
    private static List<TestStream> fleet(Path dir) throws IOException {
        Audio report = TestAudio.read(TestAudio.REPORT);
        Audio weather = TestAudio.read(TestAudio.WEATHER_8K);
        List<Audio> variants = List.of(report, weather, resample(report, 8000), resample(weather, 22_050));
        FileTranscriber offline = new FileTranscriber(TestAudio.recognizer());
        List<Audio> audio = new ArrayList<>();
        List<FileTranscript> transcripts = new ArrayList<>();
        for (int v = 0; v < variants.size(); v++) {
            Audio a = thriceWithPauses(variants.get(v));
            Path wav = dir.resolve("variant-" + v + ".wav");
            WavWriter.write(a, wav);
            audio.add(a);
            transcripts.add(offline.transcribe(wav));
        }
        List<String> ids = twoPerPartition();
        List<TestStream> fleet = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            fleet.add(new TestStream(ids.get(i), audio.get(i % variants.size()), 100 + (i * 37) % 101, transcripts.get(i % variants.size())));
        }
        return fleet;
    }

    private static Audio resample(Audio a, int rate) {
        Resampler r = new Resampler(a.sampleRate(), rate);
        float[] head = r.accept(a.samples());
        float[] tail = r.flush();
        float[] out = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, out, head.length, tail.length);
        return new Audio(out, rate);
    }

    private static Audio thriceWithPauses(Audio a) {
        int n = a.samples().length;
        int pause = a.sampleRate() * 4 / 5;
        float[] out = new float[3 * n + 2 * pause];
        for (int k = 0; k < 3; k++) System.arraycopy(a.samples(), 0, out, k * (n + pause), n);
        return new Audio(out, a.sampleRate());
    }

    /** Stream ids that the producer's default partitioner (murmur2 of the key) spreads two to a partition. */
    private static List<String> twoPerPartition() {
        int[] count = new int[PARTITIONS];
        List<String> ids = new ArrayList<>();
        for (int n = 0; ids.size() < STREAMS; n++) {
            String id = "call-" + n;
            if (count[partition(id)]++ < STREAMS / PARTITIONS) ids.add(id);
        }
        return ids;
    }

    private static int partition(String id) {
        return Utils.toPositive(Utils.murmur2(id.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
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

    private static void await(String what, Duration timeout, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            Thread.sleep(20);
        }
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    // ---- producing and consuming

    /** Plays the fleet in real time on a thread of its own, the streams starting 150 ms apart so their chunks interleave. */
    private static final class LivePlayer implements AutoCloseable {
        private record Due(long atMs, String id, long seq, int rate, byte[] pcm, boolean eos) {}

        private final AudioPublisher publisher;
        private final List<Due> schedule = new ArrayList<>();
        private final Set<String> eosSent = ConcurrentHashMap.newKeySet();
        private final Thread thread = new Thread(this::play, "live-player");
        private volatile Throwable failure;

        LivePlayer(KafkaSettings kafka, List<TestStream> fleet) {
            publisher = new AudioPublisher(kafka, CONFIG.inputTopic(), 100);
            for (int i = 0; i < fleet.size(); i++) {
                TestStream s = fleet.get(i);
                List<byte[]> chunks = TestStreams.s16leChunks(s.audio(), s.chunkMs());
                for (int seq = 0; seq < chunks.size(); seq++) {
                    schedule.add(new Due(150L * i + (long) seq * s.chunkMs(), s.id(), seq, s.audio().sampleRate(), chunks.get(seq),
                            seq == chunks.size() - 1));
                }
            }
            schedule.sort(Comparator.comparingLong(Due::atMs));
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        private void play() {
            long start = System.nanoTime();
            try {
                for (Due d : schedule) {
                    long waitMs = d.atMs() - ms(System.nanoTime() - start);
                    if (waitMs > 0) Thread.sleep(waitMs);
                    publisher.send(d.id(), d.seq(), d.rate(), d.pcm(), d.eos());
                    if (d.eos()) eosSent.add(d.id());
                }
                publisher.flush();
            } catch (Throwable t) {
                failure = t;
            }
        }

        boolean sentEos(String id) {
            return eosSent.contains(id);
        }

        void await(Duration timeout) throws InterruptedException {
            thread.join(timeout.toMillis());
            if (thread.isAlive()) throw new AssertionError("still publishing after " + timeout);
            if (failure != null) throw new AssertionError("publishing failed", failure);
        }

        @Override
        public void close() throws InterruptedException {
            thread.interrupt();
            thread.join(5_000);
            publisher.close();
        }
    }

    /** What the read_committed tail has seen, per stream, and when it arrived. */
    private static final class TranscriptLog implements Consumer<Transcript> {
        private record Arrival(long nanos, Transcript transcript) {}

        private final Map<String, List<Arrival>> byStream = new ConcurrentHashMap<>();

        @Override
        public void accept(Transcript t) {
            byStream.computeIfAbsent(t.streamId(), k -> Collections.synchronizedList(new ArrayList<>())).add(new Arrival(System.nanoTime(), t));
        }

        private List<Arrival> arrivals(String id) {
            List<Arrival> a = byStream.getOrDefault(id, List.of());
            synchronized (a) {
                return List.copyOf(a);
            }
        }

        List<Transcript> of(String id) {
            return arrivals(id).stream().map(Arrival::transcript).toList();
        }

        boolean hasFinal(String id) {
            return of(id).stream().anyMatch(Transcript::isFinal);
        }

        boolean ended(String id) {
            return of(id).stream().anyMatch(Transcript::isEos);
        }

        /** When the first transcript of {@code ids} matching {@code which} arrived after {@code afterNanos}. */
        long first(Collection<String> ids, long afterNanos, Predicate<Transcript> which) {
            Optional<Long> first = ids.stream().flatMap(id -> arrivals(id).stream())
                    .filter(a -> a.nanos() > afterNanos && which.test(a.transcript())).map(Arrival::nanos).min(Long::compare);
            return first.orElseThrow(() -> new AssertionError("nothing arrived for " + ids));
        }
    }
}
