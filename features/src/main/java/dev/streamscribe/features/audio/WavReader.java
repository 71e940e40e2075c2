package dev.streamscribe.features.audio;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Reads RIFF/WAVE files: PCM 8/16/24/32-bit and 32-bit float, any channel count (downmixed), any rate. */
public final class WavReader {
    private static final int WAVE_FORMAT_PCM = 1;
    private static final int WAVE_FORMAT_IEEE_FLOAT = 3;
    private static final int WAVE_FORMAT_ALAW = 6;
    private static final int WAVE_FORMAT_MULAW = 7;
    private static final int WAVE_FORMAT_EXTENSIBLE = 0xFFFE;

    /** A metadata chunk before the samples larger than this is a corrupt header, not a real file. */
    private static final long MAX_HEADER_CHUNK = 1 << 20;

    private WavReader() {}

    public static Audio read(Path file) {
        return decode(AudioFiles.bytes(file), file.toString());
    }

    /** True when the bytes start like a WAV file; used to reject WAV headers inside raw streams. */
    public static boolean looksLikeWav(byte[] bytes) {
        return bytes.length >= 12 && ascii(bytes, 0).equals("RIFF") && ascii(bytes, 8).equals("WAVE");
    }

    /** Decodes a whole WAV file held in memory; {@code name} is used in error messages. */
    public static Audio decode(byte[] b, String name) {
        if (b.length == 0) throw new AudioFormatException(name + ": empty file");
        if (!looksLikeWav(b)) throw new AudioFormatException(name + ": not a RIFF/WAVE file");
        int pos = 12;
        PcmSpec format = null;
        while (pos + 8 <= b.length) {
            String id = ascii(b, pos);
            long size = u32(b, pos + 4);
            int body = pos + 8;
            if (id.equals("fmt ")) {
                format = parseFmt(b, body, size, name);
            } else if (id.equals("data")) {
                if (format == null) throw new AudioFormatException(name + ": data chunk before fmt chunk");
                long available = b.length - body;
                // Streaming writers leave the size as 0 or 0xFFFFFFFF; take what is there.
                long declared = unknownSize(size) ? available : size;
                if (declared > available) {
                    throw new AudioFormatException(name + ": truncated data chunk (header says " + declared
                            + " bytes, file has " + available + ")");
                }
                int len = (int) (declared - declared % format.frameBytes());
                if (len == 0) throw new AudioFormatException(name + ": no audio samples");
                return new Audio(format.decode(b, body, len), format.sampleRate());
            }
            pos = (int) Math.min(Integer.MAX_VALUE, body + size + (size & 1));
        }
        throw new AudioFormatException(name + (format == null ? ": no fmt chunk" : ": no data chunk"));
    }

    /** A WAV header read from a stream: the layout of the samples and how many bytes of them follow, -1 if unknown. */
    public record Header(PcmSpec spec, long dataBytes) {}

    /**
     * Reads a WAV header from a stream up to the first sample. A writer on a pipe (sox, arecord) does not know the
     * length when it writes the header and says 0 or 0xFFFFFFFF, which comes back as -1: the samples are then the
     * rest of the stream.
     */
    public static Header readHeader(InputStream in, String name) throws IOException {
        byte[] riff = in.readNBytes(12);
        if (riff.length == 0) throw new AudioFormatException(name + ": empty input");
        if (!looksLikeWav(riff)) throw new AudioFormatException(name + ": not a RIFF/WAVE stream");
        PcmSpec format = null;
        while (true) {
            byte[] header = in.readNBytes(8);
            if (header.length < 8) throw new AudioFormatException(name + (format == null ? ": no fmt chunk" : ": no data chunk"));
            String id = ascii(header, 0);
            long size = u32(header, 4);
            if (id.equals("data")) {
                if (format == null) throw new AudioFormatException(name + ": data chunk before fmt chunk");
                return new Header(format, unknownSize(size) ? -1 : size);
            }
            if (size > MAX_HEADER_CHUNK) throw new AudioFormatException(name + ": '" + id + "' chunk of " + size + " bytes before the samples");
            byte[] body = in.readNBytes((int) (size + (size & 1)));
            if (body.length < size) throw new AudioFormatException(name + ": truncated '" + id + "' chunk");
            if (id.equals("fmt ")) format = parseFmt(body, 0, size, name);
        }
    }

    private static boolean unknownSize(long size) {
        return size == 0 || size == 0xFFFFFFFFL;
    }

    /** Parses a {@code fmt } chunk body of {@code size} bytes starting at {@code body} in {@code b}. */
    private static PcmSpec parseFmt(byte[] b, int body, long size, String name) {
        if (size < 16 || body + 16 > b.length) throw new AudioFormatException(name + ": truncated fmt chunk");
        int tag = u16(b, body);
        int channels = u16(b, body + 2);
        int rate = (int) u32(b, body + 4);
        int bits = u16(b, body + 14);
        if (tag == WAVE_FORMAT_EXTENSIBLE) {
            if (size < 40 || body + 26 > b.length) throw new AudioFormatException(name + ": truncated extensible fmt chunk");
            tag = u16(b, body + 24);
        }
        PcmFormat encoding = encodingOf(tag, bits, name);
        if (channels < 1) throw new AudioFormatException(name + ": channel count is " + channels);
        if (rate < 1000 || rate > 384000) throw new AudioFormatException(name + ": unsupported sample rate " + rate + " Hz");
        return new PcmSpec(encoding, channels, rate);
    }

    private static PcmFormat encodingOf(int tag, int bits, String name) {
        if (tag == WAVE_FORMAT_PCM) {
            switch (bits) {
                case 8: return PcmFormat.U8;
                case 16: return PcmFormat.S16LE;
                case 24: return PcmFormat.S24LE;
                case 32: return PcmFormat.S32LE;
                default: break;
            }
        } else if (tag == WAVE_FORMAT_IEEE_FLOAT && bits == 32) {
            return PcmFormat.F32LE;
        } else if (tag == WAVE_FORMAT_MULAW && bits == 8) {
            return PcmFormat.MULAW;
        } else if (tag == WAVE_FORMAT_ALAW && bits == 8) {
            return PcmFormat.ALAW;
        }
        throw new AudioFormatException(name + ": unsupported WAV encoding (format tag " + tag + ", " + bits + " bits)");
    }

    private static String ascii(byte[] b, int p) {
        return new String(b, p, 4, StandardCharsets.US_ASCII);
    }

    private static int u16(byte[] b, int p) {
        return (b[p] & 0xff) | ((b[p + 1] & 0xff) << 8);
    }

    private static long u32(byte[] b, int p) {
        return (b[p] & 0xffL) | ((b[p + 1] & 0xffL) << 8) | ((b[p + 2] & 0xffL) << 16) | ((b[p + 3] & 0xffL) << 24);
    }
}
