package dev.streamscribe.ingest.live;

import dev.streamscribe.features.audio.PcmFormat;
import dev.streamscribe.features.audio.PcmSpec;

import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Cuts a {@link PcmInput} into {@code audio.chunks} payloads as it arrives (ARCHITECTURE.md §3): {@code chunkMs} of audio
 * each, re-encoded as s16le mono, numbered from 0 and sent the moment they are read, so a live source is behind
 * by at most one chunk. A chunk cannot know it is the last until the next read finds the end, so when the input
 * ends on a chunk boundary the stream closes with an empty eos chunk; otherwise the short last chunk carries eos.
 * {@link #stop} and {@link #endNow} end it from another thread (a shutdown hook) while a read is blocked.
 */
public final class ChunkStreamer {
    /** Where chunks go: {@code AudioPublisher::send} bound to a stream id, or a test's list. */
    @FunctionalInterface
    public interface ChunkSink {
        void send(long seq, int rate, byte[] s16le, boolean eos);
    }

    /** What went out: chunks (eos included), audio frames, and trailing bytes dropped for not making a whole frame. */
    public record Streamed(long chunks, long frames, int rate, int droppedBytes) {
        public long audioMs() {
            return frames * 1000 / rate;
        }
    }

    private final PcmInput input;
    private final ChunkSink sink;
    private final int chunkBytes;
    private final boolean realtime;
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile boolean stopping;
    private long seq;
    private long frames;
    private int droppedBytes;

    public ChunkStreamer(PcmInput input, ChunkSink sink, int chunkMs, boolean realtime) {
        if (chunkMs < 1 || chunkMs > 10_000) throw new IllegalArgumentException("chunk length must be 1..10000 ms, got " + chunkMs);
        this.input = input;
        this.sink = sink;
        this.chunkBytes = Math.max(1, (int) ((long) input.spec().sampleRate() * chunkMs / 1000)) * input.spec().frameBytes();
        this.realtime = realtime;
    }

    /** Reads and sends until the input ends (or {@link #endNow} ended the stream); returns what was sent. */
    public Streamed run() throws IOException, InterruptedException {
        long remaining = input.length() < 0 ? Long.MAX_VALUE : input.length();
        long start = System.nanoTime();
        while (!isEnded()) {
            byte[] raw = read((int) Math.min(chunkBytes, remaining));
            remaining -= raw.length;
            // readNBytes comes back short only at the end of the input
            boolean last = raw.length < chunkBytes || remaining == 0;
            if (realtime) sleepUntil(start + frames * 1_000_000_000L / input.spec().sampleRate());
            emit(raw, last);
        }
        return streamed();
    }

    /**
     * Stops reading by closing the input: a microphone's blocked read then returns what it has, and what was read
     * goes out with eos. A read from a pipe may stay blocked; {@link #endNow} is for that.
     */
    public void stop() throws IOException {
        stopping = true;
        input.close();
    }

    private byte[] read(int n) throws IOException {
        try {
            return input.stream().readNBytes(n);
        } catch (IOException e) {
            if (stopping) return new byte[0]; // "stream closed" under a blocked read: the end we asked for
            throw e;
        }
    }

    /** Ends the stream now with an empty eos chunk, unless it has ended; later reads send nothing. */
    public synchronized void endNow() {
        if (!isEnded()) emit(new byte[0], true);
    }

    /** Waits until the stream has sent its eos. */
    public boolean awaitEnd(long timeout, TimeUnit unit) throws InterruptedException {
        return ended.await(timeout, unit);
    }

    public synchronized Streamed streamed() {
        return new Streamed(seq, frames, input.spec().sampleRate(), droppedBytes);
    }

    private boolean isEnded() {
        return ended.getCount() == 0;
    }

    private synchronized void emit(byte[] raw, boolean eos) {
        if (isEnded()) return;
        PcmSpec spec = input.spec();
        int whole = raw.length - raw.length % spec.frameBytes();
        droppedBytes += raw.length - whole; // only at the end: a cut-off sample frame cannot be decoded
        int n = whole / spec.frameBytes();
        if (n > 0 || eos) {
            byte[] s16le = s16leMono(raw, whole); // before seq moves on: input it cannot convert must not leave a gap
            sink.send(seq++, spec.sampleRate(), s16le, eos);
        }
        frames += n;
        if (eos) ended.countDown();
    }

    /** The topic's encoding; s16le mono input (arecord's, sox's) goes out byte for byte. */
    private byte[] s16leMono(byte[] raw, int length) {
        PcmSpec spec = input.spec();
        if (spec.encoding() == PcmFormat.S16LE && spec.channels() == 1) return Arrays.copyOf(raw, length);
        float[] samples = spec.decode(raw, 0, length);
        return PcmFormat.toS16le(samples, 0, samples.length);
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) TimeUnit.NANOSECONDS.sleep(wait);
    }
}
