package dev.streamscribe.features.audio;

/**
 * How a stream of PCM bytes is laid out: the sample encoding, the interleaved channel count and the rate. What a
 * WAV header says, what {@code --format/--channels/--rate} say for raw input, what a chunk's headers say.
 */
public record PcmSpec(PcmFormat encoding, int channels, int sampleRate) {
    public PcmSpec {
        if (channels < 1) throw new AudioFormatException("channel count must be at least 1, got " + channels);
        if (sampleRate < 1000 || sampleRate > 384000) throw new AudioFormatException("unsupported sample rate " + sampleRate + " Hz");
    }

    /** Bytes of one sample frame (all channels). */
    public int frameBytes() {
        return encoding.bytesPerSample() * channels;
    }

    /** Decodes whole frames to mono floats in [-1, 1]. */
    public float[] decode(byte[] data, int offset, int length) {
        return encoding.decode(data, offset, length, channels);
    }
}
