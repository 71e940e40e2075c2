package dev.streamscribe.ingest.live;

import dev.streamscribe.features.audio.PcmSpec;
import dev.streamscribe.features.audio.WavReader;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A live source of PCM bytes of a known layout: standard input or the microphone. {@code length} is the bytes of
 * audio it holds when a WAV header said so, -1 when it runs until it ends. Closing it ends it.
 */
public record PcmInput(String name, InputStream stream, PcmSpec spec, long length) implements AutoCloseable {
    private static final int WAV_MAGIC_BYTES = 12;

    /**
     * A stream that may start with a WAV header (taken when it does) or be raw PCM laid out as {@code raw} says:
     * what {@code ./asr publish -} reads, from arecord, sox or a file.
     */
    public static PcmInput wavOrRaw(InputStream in, String name, PcmSpec raw) throws IOException {
        BufferedInputStream b = new BufferedInputStream(in);
        b.mark(WAV_MAGIC_BYTES);
        byte[] head = b.readNBytes(WAV_MAGIC_BYTES);
        b.reset();
        if (!WavReader.looksLikeWav(head)) return new PcmInput(name, b, raw, -1);
        WavReader.Header h = WavReader.readHeader(b, name);
        return new PcmInput(name, b, h.spec(), h.dataBytes());
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }
}
