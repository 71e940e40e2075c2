package dev.streamscribe.ingest.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (or SIGTERM) for a command that runs until stopped: {@link #await} returns on the signal, and the JVM does
 * not halt until {@link #close} says the command has closed what it opened (at most {@link #CLEANUP_SECONDS}).
 * Without the wait, the JVM halts as soon as its shutdown hooks return, in the middle of the command's cleanup:
 * pipelines half closed, scratch folders left behind.
 */
final class StopSignal implements AutoCloseable {
    static final long CLEANUP_SECONDS = 30;

    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread hook = new Thread(this::stopAndWait, "stop-signal");

    StopSignal() {
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Blocks until the signal. */
    void await() throws InterruptedException {
        stop.await();
    }

    /** The command has cleaned up: the JVM may halt; without a signal the hook is no longer needed. */
    @Override
    public void close() {
        closed.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running, and now returns
        }
    }

    private void stopAndWait() {
        stop.countDown();
        try {
            closed.await(CLEANUP_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
