package dev.streamscribe.ingest.live;

import dev.streamscribe.features.audio.AudioFormatException;
import dev.streamscribe.features.audio.PcmFormat;
import dev.streamscribe.features.audio.PcmSpec;
import dev.streamscribe.features.audio.WavReader;
import dev.streamscribe.ingest.TestAudio;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class ChunkStreamerTest {
    private static final PcmSpec S16_16K = new PcmSpec(PcmFormat.S16LE, 1, 16_000);
    private static final int CHUNK_BYTES = 3200; // 100 ms of s16le mono at 16 kHz

    record Chunk(long seq, int rate, byte[] s16le, boolean eos) {}

    private static List<Chunk> stream(byte[] input, PcmSpec raw, int chunkMs) throws Exception {
        List<Chunk> out = new ArrayList<>();
        PcmInput in = PcmInput.wavOrRaw(new ByteArrayInputStream(input), "stdin", raw);
        new ChunkStreamer(in, (seq, rate, s16le, eos) -> out.add(new Chunk(seq, rate, s16le, eos)), chunkMs, false).run();
        return out;
    }

    private static byte[] noise(int bytes) {
        byte[] b = new byte[bytes];
        new Random(7).nextBytes(b);
        return b;
    }

    private static byte[] joined(List<Chunk> chunks) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        chunks.forEach(c -> all.writeBytes(c.s16le()));
        return all.toByteArray();
    }

    @Test
    void inputThatCannotBeConvertedLeavesNoGapBeforeTheEos() throws Exception {
        ByteBuffer f32 = ByteBuffer.allocate(6400).order(ByteOrder.LITTLE_ENDIAN);
        f32.putFloat(0, Float.NaN);
        List<Chunk> out = new ArrayList<>();
        PcmInput in = PcmInput.wavOrRaw(new ByteArrayInputStream(f32.array()), "stdin", new PcmSpec(PcmFormat.F32LE, 1, 16_000));
        ChunkStreamer streamer = new ChunkStreamer(in, (seq, rate, s16le, eos) -> out.add(new Chunk(seq, rate, s16le, eos)), 100, false);
        assertThrows(AudioFormatException.class, streamer::run, "a NaN sample stops the stream");
        streamer.endNow();
        assertEquals(1, out.size());
        assertEquals(0, out.get(0).seq(), "the eos takes the seq the failed chunk did not use");
        assertTrue(out.get(0).eos());
    }

    @Test
    void rawInputIsCutIntoChunksNumberedFromZeroWithEosOnTheShortLastOne() throws Exception {
        byte[] pcm = noise(2 * CHUNK_BYTES + 1600); // 250 ms
        List<Chunk> chunks = stream(pcm, S16_16K, 100);
        assertEquals(List.of(0L, 1L, 2L), chunks.stream().map(Chunk::seq).toList());
        assertEquals(List.of(CHUNK_BYTES, CHUNK_BYTES, 1600), chunks.stream().map(c -> c.s16le().length).toList());
        assertEquals(List.of(false, false, true), chunks.stream().map(Chunk::eos).toList());
        assertEquals(List.of(16_000), chunks.stream().map(Chunk::rate).distinct().toList());
        assertArrayEquals(pcm, joined(chunks), "s16le mono goes out byte for byte");
    }

    @Test
    void anInputEndingOnAChunkBoundaryEndsWithAnEmptyEosChunk() throws Exception {
        List<Chunk> chunks = stream(noise(2 * CHUNK_BYTES), S16_16K, 100);
        assertEquals(List.of(CHUNK_BYTES, CHUNK_BYTES, 0), chunks.stream().map(c -> c.s16le().length).toList());
        assertEquals(List.of(false, false, true), chunks.stream().map(Chunk::eos).toList());
        List<Chunk> empty = stream(new byte[0], S16_16K, 100);
        assertEquals(1, empty.size());
        assertEquals(0, empty.get(0).s16le().length);
        assertEquals(true, empty.get(0).eos());
    }

    @Test
    void aCutOffSampleFrameAtTheEndIsDropped() throws Exception {
        byte[] pcm = noise(CHUNK_BYTES + 3);
        List<Chunk> out = new ArrayList<>();
        PcmInput in = PcmInput.wavOrRaw(new ByteArrayInputStream(pcm), "stdin", S16_16K);
        ChunkStreamer.Streamed sent = new ChunkStreamer(in, (seq, rate, b, eos) -> out.add(new Chunk(seq, rate, b, eos)), 100, false).run();
        assertEquals(List.of(CHUNK_BYTES, 2), out.stream().map(c -> c.s16le().length).toList());
        assertEquals(new ChunkStreamer.Streamed(2, 1601, 16_000, 1), sent);
    }

    @Test
    void aWavOnStandardInputIsReadFromItsHeader() throws Exception {
        byte[] wav = Files.readAllBytes(TestAudio.path(TestAudio.WEATHER_8K));
        List<Chunk> chunks = stream(wav, S16_16K, 100); // the header's 8 kHz wins over the raw default
        assertEquals(8000, chunks.get(0).rate());
        assertEquals(1600, chunks.get(0).s16le().length);
        assertEquals(List.of(chunks.size() - 1L), chunks.stream().filter(Chunk::eos).map(Chunk::seq).toList(), "eos on the last only");
        // the samples are the data chunk's (fmt 16 bytes: the data starts at 44)
        assertArrayEquals(Arrays.copyOfRange(wav, 44, wav.length), joined(chunks));
        assertEquals(WavReader.decode(wav, "w").samples().length * 2, joined(chunks).length);
    }

    @Test
    void otherLayoutsAreDownmixedToS16leMono() throws Exception {
        PcmSpec f32Stereo = new PcmSpec(PcmFormat.F32LE, 2, 48_000);
        ByteBuffer b = ByteBuffer.allocate(4 * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.putFloat(0.5f).putFloat(0.5f).putFloat(1f).putFloat(-1f).putFloat(-0.25f).putFloat(-0.75f).putFloat(1f).putFloat(1f);
        List<Chunk> chunks = stream(b.array(), f32Stereo, 100);
        assertEquals(1, chunks.size());
        ByteBuffer s16 = ByteBuffer.wrap(chunks.get(0).s16le()).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(List.of((short) 16384, (short) 0, (short) -16383, (short) 32767), // PcmFormat.toS16le: round(x * 32767)
                List.of(s16.getShort(), s16.getShort(), s16.getShort(), s16.getShort()));
        assertEquals(48_000, chunks.get(0).rate());
    }

    @Test
    void eachChunkIsSentAsSoonAsItIsReadNotAtTheEnd() throws Exception {
        PipedOutputStream writer = new PipedOutputStream();
        PipedInputStream pipe = new PipedInputStream(writer, 1 << 16);
        BlockingQueue<Chunk> sent = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try {
                // on the reader's thread: telling WAV from raw waits for the first bytes
                PcmInput in = PcmInput.wavOrRaw(pipe, "stdin", S16_16K);
                new ChunkStreamer(in, (seq, rate, b, eos) -> sent.add(new Chunk(seq, rate, b, eos)), 100, false).run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        reader.start();
        writer.write(noise(CHUNK_BYTES));
        writer.flush();
        Chunk first = sent.poll(10, TimeUnit.SECONDS);
        assertEquals(0, first.seq());
        assertEquals(false, first.eos());
        writer.write(noise(CHUNK_BYTES + 100));
        writer.flush();
        assertEquals(1, sent.poll(10, TimeUnit.SECONDS).seq());
        assertNull(sent.poll(200, TimeUnit.MILLISECONDS), "the 100 bytes after it wait for the rest of their chunk");
        writer.close();
        Chunk last = sent.poll(10, TimeUnit.SECONDS);
        assertEquals(2, last.seq());
        assertEquals(100, last.s16le().length);
        assertEquals(true, last.eos());
        reader.join(10_000);
    }

    @Test
    void endNowClosesAStreamWhoseReadIsBlockedAndNothingFollowsIt() throws Exception {
        PipedOutputStream writer = new PipedOutputStream();
        PipedInputStream pipe = new PipedInputStream(writer, 1 << 16);
        writer.write(noise(CHUNK_BYTES));
        writer.flush();
        PcmInput in = PcmInput.wavOrRaw(pipe, "stdin", S16_16K);
        BlockingQueue<Chunk> sent = new LinkedBlockingQueue<>();
        ChunkStreamer streamer = new ChunkStreamer(in, (seq, rate, b, eos) -> sent.add(new Chunk(seq, rate, b, eos)), 100, false);
        Thread reader = new Thread(() -> {
            try {
                streamer.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        reader.start();
        assertEquals(0, sent.poll(10, TimeUnit.SECONDS).seq());
        streamer.endNow(); // the shutdown hook's move while the reader waits on the pipe
        Chunk eos = sent.poll(10, TimeUnit.SECONDS);
        assertEquals(1, eos.seq());
        assertEquals(0, eos.s16le().length);
        assertEquals(true, eos.eos());
        writer.write(noise(CHUNK_BYTES * 2));
        writer.close();
        reader.join(10_000);
        assertNull(sent.poll(200, TimeUnit.MILLISECONDS), "nothing after eos");
        streamer.endNow();
        assertNull(sent.poll(100, TimeUnit.MILLISECONDS), "eos is sent once");
    }

    /** A capture line: serves one chunk, then blocks until closed, then fails its read as a closed stream does (or ends). */
    private static final class CaptureLine extends InputStream {
        private final CountDownLatch closed = new CountDownLatch(1);
        private final boolean throwWhenClosed;
        private boolean served;

        CaptureLine(boolean throwWhenClosed) {
            this.throwWhenClosed = throwWhenClosed;
        }

        @Override
        public int read() {
            throw new UnsupportedOperationException();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) return 0;
            if (!served) {
                served = true;
                Arrays.fill(b, off, off + len, (byte) 1);
                return len;
            }
            try {
                closed.await();
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
            if (throwWhenClosed) throw new IOException("Stream closed");
            return -1;
        }

        @Override
        public void close() {
            closed.countDown();
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void stopEndsABlockedReadAndTheStreamWithEos(boolean throwWhenClosed) throws Exception {
        PcmInput in = new PcmInput("microphone", new CaptureLine(throwWhenClosed), S16_16K, -1);
        BlockingQueue<Chunk> sent = new LinkedBlockingQueue<>();
        ChunkStreamer streamer = new ChunkStreamer(in, (seq, rate, b, eos) -> sent.add(new Chunk(seq, rate, b, eos)), 100, false);
        CompletableFuture<ChunkStreamer.Streamed> run = CompletableFuture.supplyAsync(() -> {
            try {
                return streamer.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertEquals(0, sent.poll(10, TimeUnit.SECONDS).seq());
        streamer.stop(); // what the shutdown hook does on Ctrl-C
        assertTrue(streamer.awaitEnd(10, TimeUnit.SECONDS));
        Chunk eos = sent.poll(1, TimeUnit.SECONDS);
        assertEquals(1, eos.seq());
        assertTrue(eos.eos());
        assertEquals(new ChunkStreamer.Streamed(2, 1600, 16_000, 0), run.get(10, TimeUnit.SECONDS));
    }
}
