package dev.streamscribe.ingest.live;

import dev.streamscribe.ingest.kafka.AudioPublisher;

import java.util.concurrent.TimeUnit;

/**
 * Publishes a live input as one stream until the input ends or the process is stopped. Ctrl-C must still end the
 * stream with eos, or the pipeline holds it open until the idle timeout: a shutdown hook stops the reader (which
 * ends a microphone's reads), gives it a moment to send the last chunk with eos, and otherwise sends an empty eos
 * itself (a read from a pipe may not be interruptible), then flushes the producer. The caller's thread must not
 * close the producer under the hook, so it waits for the hook when it finds the JVM shutting down.
 */
public final class LiveSession {
    /** How long the hook waits for the reader to reach the end by itself. */
    private static final long GRACE_MS = 2_000;

    private LiveSession() {}

    public static ChunkStreamer.Streamed publish(PcmInput input, AudioPublisher publisher, String streamId, int chunkMs,
                                                 boolean realtime) throws Exception {
        ChunkStreamer streamer = new ChunkStreamer(input,
                (seq, rate, s16le, eos) -> publisher.send(streamId, seq, rate, s16le, eos), chunkMs, realtime);
        Thread hook = new Thread(() -> endOnExit(streamer, publisher), "eos-on-exit");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return streamer.run();
        } finally {
            streamer.endNow(); // nothing after a normal end; after a read error the stream still gets its eos
            publisher.flush();
            if (!removeHook(hook)) hook.join();
        }
    }

    /** False when the JVM is already shutting down, and so running the hook. */
    private static boolean removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
            return true;
        } catch (IllegalStateException shuttingDown) {
            return false;
        }
    }

    private static void endOnExit(ChunkStreamer streamer, AudioPublisher publisher) {
        try {
            streamer.stop();
            if (!streamer.awaitEnd(GRACE_MS, TimeUnit.MILLISECONDS)) streamer.endNow();
            publisher.flush();
            System.err.println("publish: stopped; stream ended with " + streamer.streamed().chunks() + " chunks");
        } catch (Exception e) {
            System.err.println("publish: could not end the stream cleanly: " + e);
        }
    }
}
