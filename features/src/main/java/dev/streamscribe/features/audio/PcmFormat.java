package dev.streamscribe.features.audio;

import java.util.Arrays;
import java.util.Locale;

/**
 * Sample encodings of raw PCM chunks and WAV data. All decode to mono floats in [-1, 1]. {@code mulaw} and {@code alaw}
 * are ITU-T G.711, the 8-bit companded encodings of telephone calls.
 */
public enum PcmFormat {
    U8("u8", 1),
    S16LE("s16le", 2),
    S24LE("s24le", 3),
    S32LE("s32le", 4),
    F32LE("f32le", 4),
    MULAW("mulaw", 1),
    ALAW("alaw", 1);

    private static final float[] MULAW_VALUES = new float[256];
    private static final float[] ALAW_VALUES = new float[256];

    static {
        for (int code = 0; code < 256; code++) {
            int u = ~code & 0xff;
            int mu = (((u & 0x0f) << 3) + 0x84) << ((u >> 4) & 7);
            MULAW_VALUES[code] = ((u & 0x80) != 0 ? 0x84 - mu : mu - 0x84) / 32768f;
            int a = code ^ 0x55;
            int exponent = (a >> 4) & 7;
            int magnitude = exponent == 0 ? ((a & 0x0f) << 4) + 8 : (((a & 0x0f) << 4) + 0x108) << (exponent - 1);
            ALAW_VALUES[code] = ((a & 0x80) != 0 ? magnitude : -magnitude) / 32768f;
        }
    }

    private final String header;
    private final int bytesPerSample;

    PcmFormat(String header, int bytesPerSample) {
        this.header = header;
        this.bytesPerSample = bytesPerSample;
    }

    /** The value of the {@code format} header for this encoding. */
    public String header() {
        return header;
    }

    public int bytesPerSample() {
        return bytesPerSample;
    }

    /** Parses a {@code format} header value; null means the default, s16le. */
    public static PcmFormat fromHeader(String value) {
        if (value == null) return S16LE;
        String v = value.trim().toLowerCase(Locale.ROOT);
        for (PcmFormat f : values()) {
            if (f.header.equals(v)) return f;
        }
        throw new AudioFormatException("unknown format '" + value + "' (expected one of " + headers() + ")");
    }

    /** The {@code format} header values, comma-separated. */
    public static String headers() {
        return String.join(", ", Arrays.stream(values()).map(PcmFormat::header).toList());
    }

    /**
     * Decodes interleaved little-endian frames and averages the channels to mono.
     *
     * @throws AudioFormatException when the byte count is not a whole number of frames, or a float sample is not finite
     */
    public float[] decode(byte[] data, int offset, int length, int channels) {
        if (channels < 1) throw new AudioFormatException("channels must be at least 1, got " + channels);
        int frameBytes = bytesPerSample * channels;
        if (length % frameBytes != 0) {
            throw new AudioFormatException(length + " bytes is not a whole number of " + header + " frames of "
                    + channels + " channel(s) (" + frameBytes + " bytes each)");
        }
        int frames = length / frameBytes;
        float[] out = new float[frames];
        float scale = 1f / channels;
        int p = offset;
        for (int i = 0; i < frames; i++) {
            float sum = 0;
            for (int c = 0; c < channels; c++, p += bytesPerSample) {
                sum += sample(data, p);
            }
            out[i] = sum * scale;
        }
        return out;
    }

    private float sample(byte[] d, int p) {
        switch (this) {
            case U8:
                return ((d[p] & 0xff) - 128) / 128f;
            case S16LE:
                return (short) ((d[p] & 0xff) | (d[p + 1] << 8)) / 32768f;
            case S24LE:
                return ((d[p] & 0xff) | ((d[p + 1] & 0xff) << 8) | (d[p + 2] << 16)) / 8388608f;
            case S32LE:
                return ((d[p] & 0xff) | ((d[p + 1] & 0xff) << 8) | ((d[p + 2] & 0xff) << 16) | (d[p + 3] << 24))
                        / 2147483648f;
            case MULAW:
                return MULAW_VALUES[d[p] & 0xff];
            case ALAW:
                return ALAW_VALUES[d[p] & 0xff];
            case F32LE: {
                float f = Float.intBitsToFloat(
                        (d[p] & 0xff) | ((d[p + 1] & 0xff) << 8) | ((d[p + 2] & 0xff) << 16) | (d[p + 3] << 24));
                if (!Float.isFinite(f)) throw new AudioFormatException("f32le sample is not finite: " + f);
                return Math.max(-1f, Math.min(1f, f));
            }
            default:
                throw new AssertionError(this);
        }
    }

    /** Encodes mono floats as s16le, clipping to [-1, 1]. */
    public static byte[] toS16le(float[] samples, int from, int to) {
        byte[] out = new byte[(to - from) * 2];
        for (int i = from, p = 0; i < to; i++, p += 2) {
            int v = Math.round(Math.max(-1f, Math.min(1f, samples[i])) * 32767f);
            out[p] = (byte) v;
            out[p + 1] = (byte) (v >> 8);
        }
        return out;
    }
}
