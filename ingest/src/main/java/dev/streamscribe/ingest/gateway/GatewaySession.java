package dev.streamscribe.ingest.gateway;

import dev.streamscribe.decoder.HotWords;
import dev.streamscribe.features.audio.PcmSpec;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One client's stream: its audio cut into chunks in order, a byte budget refilled at the allowed rate (two seconds
 * of it may come at once, as a client catching up after a stall sends), and when it was last heard from.
 */
final class GatewaySession {
    /** One record for {@code audio.chunks}. */
    record Chunk(long seq, byte[] payload, boolean eos) {}

    /** The client broke a limit: the connection closes with this reason. */
    static final class LimitExceeded extends Exception {
        LimitExceeded(String reason) {
            super(reason, null, false, false);
        }
    }

    private static final long BURST_SECONDS = 2;

    final String streamId;
    final PcmSpec spec;
    /** What the stream asks to boost; the publisher puts them on its first chunk. */
    final HotWords hotWords;
    private final int maxBytesPerSecond;
    private final int pieceBytes;
    private long seq;
    private byte[] partialFrame = new byte[0];
    private double allowance;
    private long refilledAt;
    private long lastHeard;
    private boolean ended;

    GatewaySession(String streamId, PcmSpec spec, HotWords hotWords, int maxBytesPerSecond, long nowNanos) {
        this.streamId = streamId;
        this.spec = spec;
        this.hotWords = hotWords;
        this.maxBytesPerSecond = maxBytesPerSecond;
        // a second of audio per chunk at most: a client may send large messages, the topic takes up to 10 s
        this.pieceBytes = spec.sampleRate() * spec.frameBytes();
        this.allowance = (double) maxBytesPerSecond * BURST_SECONDS;
        this.refilledAt = nowNanos;
        this.lastHeard = nowNanos;
    }

    /** The chunks for a message of audio; a sample frame split between messages is completed by the next. */
    synchronized List<Chunk> audio(ByteBuffer message, long nowNanos) throws LimitExceeded {
        if (ended) throw new LimitExceeded("audio after the end of the stream");
        lastHeard = nowNanos;
        allowance = Math.min(maxBytesPerSecond * (double) BURST_SECONDS,
                allowance + (nowNanos - refilledAt) / 1e9 * maxBytesPerSecond);
        refilledAt = nowNanos;
        allowance -= message.remaining();
        if (allowance < 0) throw new LimitExceeded("audio faster than the limit of " + maxBytesPerSecond + " bytes/s");
        byte[] bytes = new byte[partialFrame.length + message.remaining()];
        System.arraycopy(partialFrame, 0, bytes, 0, partialFrame.length);
        message.get(bytes, partialFrame.length, message.remaining());
        int whole = bytes.length - bytes.length % spec.frameBytes();
        partialFrame = Arrays.copyOfRange(bytes, whole, bytes.length);
        List<Chunk> chunks = new ArrayList<>();
        for (int from = 0; from < whole; from += pieceBytes) {
            chunks.add(next(Arrays.copyOfRange(bytes, from, Math.min(whole, from + pieceBytes)), false));
        }
        return chunks;
    }

    /** The chunk that ends the stream, once; null when it has already ended. */
    synchronized Chunk end(long nowNanos) {
        if (ended) return null;
        ended = true;
        lastHeard = nowNanos;
        return next(new byte[0], true);
    }

    synchronized boolean ended() {
        return ended;
    }

    synchronized long quietNanos(long nowNanos) {
        return nowNanos - lastHeard;
    }

    private Chunk next(byte[] payload, boolean eos) {
        return new Chunk(seq++, payload, eos);
    }
}
