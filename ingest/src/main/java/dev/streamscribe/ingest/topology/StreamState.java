package dev.streamscribe.ingest.topology;

import dev.streamscribe.features.audio.PcmFormat;
import org.apache.kafka.common.errors.SerializationException;

import java.nio.ByteBuffer;

/**
 * What the store keeps per stream between records: the stream's audio settings, the next expected seq, when it
 * was last heard from (wall clock, for the idle timeout), the seq of a chunk rejected for coming after a gap
 * ({@code gapSeq}, -1 if none) and the recogniser's serialised state. After eos the
 * recogniser state is dropped and only this small marker stays, so late audio can be told apart from a new
 * stream until the idle timeout deletes it.
 */
public record StreamState(int rate, PcmFormat format, int channels, long nextSeq, long gapSeq, long lastSeenMs,
                          byte[] recognizer) {
    private static final byte VERSION = 2;
    /** Far above a real state (about 10 KB), so a corrupt length cannot make the serde allocate gigabytes. */
    private static final int MAX_RECOGNIZER_BYTES = 4 << 20;

    public boolean ended() {
        return recognizer == null;
    }

    public static StreamState start(int rate, PcmFormat format, int channels, long nowMs, byte[] recognizerState) {
        return new StreamState(rate, format, channels, 0, -1, nowMs, recognizerState);
    }

    public StreamState next(long seq, long nowMs, byte[] recognizerState) {
        return new StreamState(rate, format, channels, seq + 1, -1, nowMs, recognizerState);
    }

    public StreamState withRecognizer(byte[] recognizerState) {
        return new StreamState(rate, format, channels, nextSeq, gapSeq, lastSeenMs, recognizerState);
    }

    public StreamState withGapAt(long seq, long nowMs) {
        return new StreamState(rate, format, channels, nextSeq, seq, nowMs, recognizer);
    }

    /** The chunk follows the one rejected for a gap: the producer has moved on and the missing chunks are lost. */
    public boolean resumesAfterGap(long seq) {
        return gapSeq >= 0 && seq == gapSeq + 1;
    }

    byte[] toBytes() {
        int n = recognizer == null ? -1 : recognizer.length;
        ByteBuffer b = ByteBuffer.allocate(1 + 4 + 1 + 1 + 8 + 8 + 8 + 4 + Math.max(0, n));
        b.put(VERSION).putInt(rate).put((byte) format.ordinal()).put((byte) channels).putLong(nextSeq).putLong(gapSeq).putLong(lastSeenMs).putInt(n);
        if (recognizer != null) b.put(recognizer);
        return b.array();
    }

    static StreamState fromBytes(byte[] bytes) {
        try {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            if (b.get() != VERSION) throw new SerializationException("unknown stream state version");
            int rate = b.getInt();
            PcmFormat format = PcmFormat.values()[b.get()];
            int channels = b.get();
            long nextSeq = b.getLong();
            long gapSeq = b.getLong();
            long lastSeen = b.getLong();
            int n = b.getInt();
            if (n > MAX_RECOGNIZER_BYTES || n < -1 || n > b.remaining()) throw new SerializationException("corrupt stream state");
            byte[] recognizer = null;
            if (n >= 0) {
                recognizer = new byte[n];
                b.get(recognizer);
            }
            return new StreamState(rate, format, channels, nextSeq, gapSeq, lastSeen, recognizer);
        } catch (RuntimeException e) {
            throw e instanceof SerializationException s ? s : new SerializationException("corrupt stream state", e);
        }
    }
}
