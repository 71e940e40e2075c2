package dev.streamscribe.ingest.bench;

import dev.streamscribe.ingest.kafka.AudioPublisher;

import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * Plays streams as live sources would send them: chunk k of a stream covers audio [k, k+1) chunk lengths after
 * the stream's start and goes out at the end of that span, when a microphone would have delivered it. One thread
 * serves every stream in order of due time; how far it fell behind is measured, since a late send would hide
 * part of the pipeline's latency.
 */
final class LivePlayer {
    private final AudioTape tape;
    private final int chunkSamples;
    private final long chunkNanos;
    private final AudioPublisher publisher;

    LivePlayer(AudioTape tape, int chunkMs, AudioPublisher publisher) {
        this.tape = tape;
        this.chunkSamples = tape.rate() * chunkMs / 1000;
        this.chunkNanos = chunkMs * 1_000_000L;
        this.publisher = publisher;
    }

    int chunkSamples() {
        return chunkSamples;
    }

    /** Sends every chunk of every stream, the last with eos, at its time; returns how late the sends were (ms). */
    Samples play(List<LiveStream> streams) {
        Samples lag = new Samples();
        int[] next = new int[streams.size()];
        PriorityQueue<Integer> due = new PriorityQueue<>(Comparator.comparingLong(i -> dueNanos(streams.get(i), next[i])));
        for (int i = 0; i < streams.size(); i++) due.add(i);
        while (!due.isEmpty()) {
            int i = due.poll();
            LiveStream s = streams.get(i);
            int k = next[i]++;
            long at = dueNanos(s, k);
            for (long wait = at - System.nanoTime(); wait > 0; wait = at - System.nanoTime()) LockSupport.parkNanos(wait);
            long now = System.nanoTime();
            lag.add((now - at) / 1e6);
            s.sentNanos.set(k, now);
            publisher.send(s.id, k, tape.rate(), tape.read(s.tapeStart + (long) k * chunkSamples, chunkSamples), k == s.chunks() - 1);
            if (next[i] < s.chunks()) due.add(i);
        }
        publisher.flush();
        return lag;
    }

    private long dueNanos(LiveStream s, int chunk) {
        return s.startNanos + (chunk + 1) * chunkNanos;
    }
}
