package dev.streamscribe.ingest.bench;

import dev.streamscribe.ingest.topology.Transcript;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Times the results of a round's streams as a read_committed consumer receives them.
 * <ul>
 * <li>Partial latency: the time a partial is consumed minus the time the chunk went out that completed the audio
 * the partial covers. A partial with {@code audioMs = t} needs the stream's audio up to t plus the feature
 * window's look-ahead (window minus hop, 15 ms for the shipped model), so that chunk is the one holding the sample
 * at t + look-ahead.</li>
 * <li>Final latency: the time the end-of-stream final is consumed minus the time the eos chunk went out.</li>
 * </ul>
 * A result seen twice (same stream, utterance, type and audio position) counts as a duplicate.
 */
public final class LatencyMeter implements Consumer<Transcript> {
    private final Map<String, LiveStream> streams;
    private final int chunkSamples;
    private final int rate;
    private final double lookaheadMs;
    private final Samples partials = new Samples();
    private final Samples finals = new Samples();
    private final Set<String> seen = new HashSet<>();
    private int duplicates;

    LatencyMeter(Map<String, LiveStream> streams, int chunkSamples, int rate, double lookaheadMs) {
        this.streams = streams;
        this.chunkSamples = chunkSamples;
        this.rate = rate;
        this.lookaheadMs = lookaheadMs;
    }

    @Override
    public synchronized void accept(Transcript t) {
        long now = System.nanoTime();
        LiveStream s = streams.get(t.streamId());
        if (s == null) return; // a stream of an earlier round
        if (!seen.add(t.streamId() + '/' + t.utterance() + '/' + t.type() + '/' + t.audioMs())) {
            duplicates++;
            return;
        }
        if (t.isEos()) {
            finals.add((now - s.sentNanos.get(s.chunks() - 1)) / 1e6);
            s.eosFinalNanos = now;
        } else if (!t.isFinal()) {
            partials.add((now - s.sentNanos.get(chunkCompleting(s, t.audioMs()))) / 1e6);
        }
    }

    private int chunkCompleting(LiveStream s, long audioMs) {
        long lastSample = (long) Math.ceil((audioMs + lookaheadMs) * rate / 1000) - 1;
        return (int) Math.max(0, Math.min(s.chunks() - 1, lastSample / chunkSamples));
    }

    /** Percentiles of what came so far; results later than {@code lateMs} count as late. */
    synchronized Timing timing(double lateMs) {
        return new Timing(partials.size(), partials.percentile(50), partials.percentile(95), partials.percentile(99),
                partials.percentile(100), partials.countAbove(lateMs), finals.size(), finals.percentile(50),
                finals.percentile(95), duplicates);
    }

    /** Partial and end-of-stream final latencies in ms. */
    public record Timing(int partials, double p50Ms, double p95Ms, double p99Ms, double maxMs, long late, int finals,
                  double finalP50Ms, double finalP95Ms, int duplicates) {}
}
