package dev.streamscribe.ingest.topology;

import dev.streamscribe.ingest.recognizer.RecognizerStream;
import org.apache.kafka.common.utils.Bytes;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The recognisers of a task's streams as its last records left them, so that the next record of a stream continues
 * the object instead of rebuilding it from the store (the store keeps being written: it is what a restart or a
 * failover resumes from). An entry is used only for the state it was left at, the store's {@code nextSeq}: after a
 * transaction is aborted the store rolls back, the seqs no longer match and the stream is restored from the store.
 * A processor clears it whenever it is (re)initialised, since the store may have moved on elsewhere meanwhile.
 * The least recently used streams are forgotten beyond {@code capacity}. Used by one stream thread at a time.
 */
final class LiveStreams {
    private record Entry(RecognizerStream stream, long nextSeq) {}

    private final Map<Bytes, Entry> entries;

    LiveStreams(int capacity) {
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Bytes, Entry> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The stream left at {@code nextSeq}, or null; either way it is no longer held (a failed record must not leave it). */
    RecognizerStream take(Bytes key, long nextSeq) {
        Entry e = entries.remove(key);
        return e != null && e.nextSeq() == nextSeq ? e.stream() : null;
    }

    void put(Bytes key, long nextSeq, RecognizerStream stream) {
        entries.put(key, new Entry(stream, nextSeq));
    }

    void remove(Bytes key) {
        entries.remove(key);
    }

    void clear() {
        entries.clear();
    }
}
