package dev.streamscribe.ingest.kafka;

import dev.streamscribe.features.audio.Audio;
import dev.streamscribe.features.audio.WavWriter;
import dev.streamscribe.ingest.TestAudio;
import dev.streamscribe.ingest.TestStreams;
import dev.streamscribe.ingest.recognizer.FileTranscriber;
import dev.streamscribe.ingest.recognizer.FileTranscriber.FileTranscript;
import dev.streamscribe.ingest.topology.PipelineConfig;
import org.apache.kafka.common.utils.Utils;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The live traffic of the fault tests ({@link FailoverTest}, {@link BrokerRestartTest}): eight streams on four
 * partitions, two per partition, each with the offline transcript of the very same audio to compare against, and a
 * player that sends them in real time.
 */
final class LiveFleet {
    static final int PARTITIONS = 4;
    static final int STREAMS = 8;

    private LiveFleet() {}

    /** One stream: its audio, how it is cut, and the offline transcript of the same audio written as a WAV file. */
    record TestStream(String id, Audio audio, int chunkMs, FileTranscript offline) {}

    /**
     * Eight streams, two per partition so that every instance has some: the two fixtures as they are and resampled
     * (16 kHz, 8 kHz, 8 kHz from 16, 22.05 kHz from 8), each said three times with pauses (10-12 s), cut into chunks
     * of 100 to 200 ms. The WAVs hold the very samples the chunks carry, so offline and streaming hear the same audio.
     */
    private static List<TestStream> build(Path dir) throws IOException {
        Audio report = TestAudio.read(TestAudio.REPORT);
        Audio weather = TestAudio.read(TestAudio.WEATHER_8K);
        List<Audio> variants = List.of(report, weather, TestStreams.resample(report, 8000), TestStreams.resample(weather, 22_050));
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

    /** A fault test's starting point: the broker's client settings, the streams, their ids and the log to fill. */
    record Setup(KafkaSettings kafka, List<TestStream> fleet, List<String> ids, TranscriptLog log) {}

    /** Makes the pipeline's topics on {@code broker} and builds the streams (their WAVs go to {@code dir}). */
    static Setup on(EmbeddedKafka broker, Path dir) throws IOException, InterruptedException {
        KafkaSettings kafka = KafkaSettings.of(broker.bootstrapServers());
        kafka.createTopics(PipelineConfig.DEFAULT, PARTITIONS, (short) 1);
        List<TestStream> fleet = build(dir);
        return new Setup(kafka, fleet, ids(fleet), new TranscriptLog());
    }

    static List<String> ids(List<TestStream> fleet) {
        return fleet.stream().map(TestStream::id).toList();
    }

    /** The partition the producer's default partitioner (murmur2 of the key) sends a stream to. */
    static int partition(String id) {
        return Utils.toPositive(Utils.murmur2(id.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
    }

    private static Audio thriceWithPauses(Audio a) {
        int n = a.samples().length;
        int pause = a.sampleRate() * 4 / 5;
        float[] out = new float[3 * n + 2 * pause];
        for (int k = 0; k < 3; k++) System.arraycopy(a.samples(), 0, out, k * (n + pause), n);
        return new Audio(out, a.sampleRate());
    }

    private static List<String> twoPerPartition() {
        int[] count = new int[PARTITIONS];
        List<String> ids = new ArrayList<>();
        for (int n = 0; ids.size() < STREAMS; n++) {
            String id = "call-" + n;
            if (count[partition(id)]++ < STREAMS / PARTITIONS) ids.add(id);
        }
        return ids;
    }

    /** Polls {@code done} until it holds; fails saying what it waited for. */
    static void await(String what, Duration timeout, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            Thread.sleep(20);
        }
    }

    static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    /** Plays the fleet in real time on a thread of its own, the streams starting 150 ms apart so their chunks interleave. */
    static final class Player implements AutoCloseable {
        private record Due(long atMs, String id, long seq, int rate, byte[] pcm, boolean eos) {}

        private final AudioPublisher publisher;
        private final List<Due> schedule = new ArrayList<>();
        private final Thread thread = new Thread(this::play, "live-player");
        private volatile Throwable failure;

        Player(KafkaSettings kafka, String topic, List<TestStream> fleet) {
            publisher = new AudioPublisher(kafka, topic, 100);
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
                }
                publisher.flush();
            } catch (Throwable t) {
                failure = t;
            }
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
}
