package dev.streamscribe.ingest;

import dev.streamscribe.features.audio.Audio;
import dev.streamscribe.features.audio.PcmFormat;
import dev.streamscribe.features.audio.Resampler;
import dev.streamscribe.ingest.topology.Transcript;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Cutting audio into {@code audio.chunks} payloads and reading a stream's transcript back; shared by the topology and broker tests. */
public final class TestStreams {
    private TestStreams() {}

    /** The s16le payloads of consecutive {@code chunkMs} pieces of {@code audio}; the last one may be shorter. */
    public static List<byte[]> s16leChunks(Audio audio, int chunkMs) {
        int step = audio.sampleRate() * chunkMs / 1000;
        List<byte[]> out = new ArrayList<>();
        float[] x = audio.samples();
        for (int from = 0; from < x.length; from += step) out.add(PcmFormat.toS16le(x, from, Math.min(x.length, from + step)));
        return out;
    }

    /** {@code a} at another sample rate, through the pipeline's own resampler. */
    public static Audio resample(Audio a, int rate) {
        Resampler r = new Resampler(a.sampleRate(), rate);
        float[] head = r.accept(a.samples());
        float[] tail = r.flush();
        float[] out = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, out, head.length, tail.length);
        return new Audio(out, rate);
    }

    /** A stream's transcript as ARCHITECTURE.md §3 defines it: its finals' texts joined by spaces, empty ones skipped. */
    public static String finalText(List<Transcript> results) {
        return String.join(" ", results.stream().filter(Transcript::isFinal).map(Transcript::text).filter(t -> !t.isEmpty()).toList());
    }
}
