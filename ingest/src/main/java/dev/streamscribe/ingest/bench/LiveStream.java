package dev.streamscribe.ingest.bench;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One simulated live source: where on the tape it plays from, when it starts, when each of its chunks went out
 * (written by the player, read by the thread that consumes the results) and when its end-of-stream final came back.
 */
final class LiveStream {
    final String id;
    final long tapeStart;
    final long startNanos;
    final AtomicLongArray sentNanos;
    volatile long eosFinalNanos;

    LiveStream(String id, long tapeStart, long startNanos, int chunks) {
        this.id = id;
        this.tapeStart = tapeStart;
        this.startNanos = startNanos;
        this.sentNanos = new AtomicLongArray(chunks);
    }

    int chunks() {
        return sentNanos.length();
    }

    boolean ended() {
        return eosFinalNanos != 0;
    }
}
