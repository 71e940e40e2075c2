package dev.streamscribe.features.audio;

import org.jflac.ChannelData;
import org.jflac.FLACDecoder;
import org.jflac.FrameListener;
import org.jflac.frame.Frame;
import org.jflac.metadata.Metadata;
import org.jflac.metadata.StreamInfo;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * Decodes FLAC files (any bit depth, any channel count, downmixed to mono) through jFLAC, a pure-Java decoder.
 * jFLAC skips frames it cannot decode and stops quietly at a cut; an archive job must hear about both, so
 * corrupt frames and a sample count short of the STREAMINFO total are errors here, as a truncated WAV is.
 */
public final class FlacReader {
    private FlacReader() {}

    /** Decodes a whole FLAC file held in memory; {@code name} is used in error messages. */
    public static Audio decode(byte[] bytes, String name) {
        FLACDecoder decoder = new FLACDecoder(new ByteArrayInputStream(bytes));
        Samples samples = new Samples(decoder);
        decoder.addFrameListener(samples);
        try {
            decoder.decode();
        } catch (IOException | RuntimeException e) {
            throw new AudioFormatException(name + ": corrupt FLAC (" + e.getMessage() + ")");
        }
        StreamInfo info = decoder.getStreamInfo();
        if (info == null) throw new AudioFormatException(name + ": FLAC without a STREAMINFO block");
        long total = info.getTotalSamples(); // 0 when the encoder did not know the length
        String decoded = "decoded " + samples.count + (total > 0 ? " of " + total : "") + " samples";
        // jFLAC reports a cut as a read error in the frame the file ends in, and damage as a CRC or sync error
        boolean cut = samples.error == null ? total > 0 && samples.count < total : samples.error.contains("EOF");
        if (cut) throw new AudioFormatException(name + ": truncated FLAC (" + decoded + ")");
        if (decoder.getBadFrames() > 0 || samples.error != null) {
            throw new AudioFormatException(name + ": corrupt FLAC (" + decoded + "; " + decoder.getBadFrames()
                    + " bad frames; first error: " + samples.error + ")");
        }
        if (samples.count == 0) throw new AudioFormatException(name + ": no audio samples");
        if (info.getSampleRate() < 1000 || info.getSampleRate() > 384000) {
            throw new AudioFormatException(name + ": unsupported sample rate " + info.getSampleRate() + " Hz");
        }
        return new Audio(Arrays.copyOf(samples.mono, samples.count), info.getSampleRate());
    }

    /** Collects each decoded frame as mono floats in [-1, 1], straight from jFLAC's per-channel integers. */
    private static final class Samples implements FrameListener {
        private final FLACDecoder decoder;
        private float[] mono = new float[1 << 16];
        private int count;
        private String error;

        Samples(FLACDecoder decoder) {
            this.decoder = decoder;
        }

        @Override
        public void processFrame(Frame frame) {
            int n = frame.header.blockSize;
            int channels = frame.header.channels;
            // per-frame depth: the STREAMINFO depth is what every frame uses, but the header is what was decoded
            float scale = 1f / (channels * (float) (1L << (frame.header.bitsPerSample - 1)));
            if (count + n > mono.length) mono = Arrays.copyOf(mono, Math.max(count + n, mono.length * 2));
            ChannelData[] data = decoder.getChannelData();
            for (int i = 0; i < n; i++) {
                float sum = 0;
                for (int c = 0; c < channels; c++) sum += data[c].getOutput()[i];
                mono[count + i] = sum * scale;
            }
            count += n;
        }

        @Override
        public void processMetadata(Metadata metadata) {}

        @Override
        public void processError(String message) {
            if (error == null) error = message;
        }
    }
}
