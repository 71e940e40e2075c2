package dev.streamscribe.ingest.bench;

import dev.streamscribe.features.audio.Audio;
import dev.streamscribe.features.audio.PcmFormat;
import dev.streamscribe.features.audio.Resampler;

import java.util.Arrays;
import java.util.List;

/**
 * The benchmark's recordings end to end at one rate, as the s16le bytes the topic carries. Simulated streams
 * read it from different places and wrap around at its end, so a few minutes of audio feed hundreds of streams
 * without holding hundreds of copies.
 */
record AudioTape(byte[] s16le, int rate) {
    private static final int BYTES_PER_SAMPLE = 2;

    static AudioTape of(List<Audio> recordings, int rate) {
        float[] all = new float[0];
        for (Audio a : recordings) {
            float[] x = resampled(a, rate);
            int at = all.length;
            all = Arrays.copyOf(all, at + x.length);
            System.arraycopy(x, 0, all, at, x.length);
        }
        if (all.length == 0) throw new IllegalArgumentException("no audio to play");
        return new AudioTape(PcmFormat.toS16le(all, 0, all.length), rate);
    }

    private static float[] resampled(Audio a, int rate) {
        if (a.sampleRate() == rate) return a.samples();
        Resampler r = new Resampler(a.sampleRate(), rate);
        float[] head = r.accept(a.samples());
        float[] tail = r.flush();
        float[] x = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, x, head.length, tail.length);
        return x;
    }

    long samples() {
        return s16le.length / BYTES_PER_SAMPLE;
    }

    /** {@code n} samples from sample {@code from} on, wrapping around at the end. */
    byte[] read(long from, int n) {
        byte[] out = new byte[n * BYTES_PER_SAMPLE];
        long total = samples();
        for (int done = 0; done < n; ) {
            int at = (int) ((from + done) % total);
            int take = (int) Math.min(n - done, total - at);
            System.arraycopy(s16le, at * BYTES_PER_SAMPLE, out, done * BYTES_PER_SAMPLE, take * BYTES_PER_SAMPLE);
            done += take;
        }
        return out;
    }
}
