package dev.streamscribe.ingest.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamscribe.ingest.topology.Transcript;

import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the dashboard shows: the latest streams, each with its last finals and the partial of its open utterance,
 * within {@link DashboardLimits}. Every change goes out as a server-sent event frame to each subscriber; a new
 * subscriber first gets the frames that rebuild the board as it is, so it misses nothing and sees nothing twice.
 */
final class TranscriptBoard {
    /** Receives frames; returns false when it cannot take more (it is then dropped and reconnects). */
    interface Subscriber {
        boolean offer(String frame);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DashboardLimits limits;
    /** In order of last update, least recent first. */
    private final LinkedHashMap<String, StreamView> streams = new LinkedHashMap<>(16, 0.75f, true);
    private final Set<Subscriber> subscribers = new LinkedHashSet<>();

    TranscriptBoard(DashboardLimits limits) {
        this.limits = limits;
    }

    synchronized void accept(Transcript t, long chunkTimestampMs, long receivedMs) {
        StreamUpdate u = StreamUpdate.of(t, chunkTimestampMs, receivedMs);
        if (u == null) return;
        StreamView view = streams.get(u.streamId());
        if (view == null) {
            if (streams.size() >= limits.maxStreams()) evict();
            view = new StreamView();
            streams.put(u.streamId(), view);
        }
        view.apply(u, limits.maxFinals());
        publish(update(u));
    }

    /** Registers {@code s}; returns the frames that rebuild the current board, to send before anything offered later. */
    synchronized List<String> subscribe(Subscriber s) {
        List<String> frames = new ArrayList<>();
        frames.add(ServerSentEvents.frame("reset", json(Map.of("maxFinals", limits.maxFinals(), "maxStreams", limits.maxStreams()))));
        // least recently updated first, so that the browser's order (newest on top) comes out the same
        for (StreamView v : streams.values()) v.replay().forEach(u -> frames.add(update(u)));
        subscribers.add(s);
        return frames;
    }

    synchronized void unsubscribe(Subscriber s) {
        subscribers.remove(s);
    }

    synchronized int streamCount() {
        return streams.size();
    }

    /** The least recently updated ended stream goes, or if none has ended, the least recently updated one. */
    private void evict() {
        String victim = streams.entrySet().stream().filter(e -> e.getValue().ended).map(Map.Entry::getKey).findFirst()
                .orElse(streams.keySet().iterator().next());
        streams.remove(victim);
        publish(ServerSentEvents.frame("remove", json(Map.of("streamId", victim))));
    }

    private void publish(String frame) {
        for (Iterator<Subscriber> it = subscribers.iterator(); it.hasNext(); ) {
            if (!it.next().offer(frame)) it.remove();
        }
    }

    private static String update(StreamUpdate u) {
        return ServerSentEvents.frame("update", json(u));
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class StreamView {
        private final ArrayDeque<StreamUpdate> finals = new ArrayDeque<>();
        private StreamUpdate partial;
        private boolean ended;

        /** A final replaces the partials of its utterance; a partial replaces the one before. */
        void apply(StreamUpdate u, int maxFinals) {
            ended = u.eos(); // a stream id may be used again after its end
            if (!u.isFinal()) {
                partial = u;
                return;
            }
            finals.addLast(u);
            if (finals.size() > maxFinals) finals.removeFirst();
            if (partial != null && partial.utterance() <= u.utterance()) partial = null;
        }

        List<StreamUpdate> replay() {
            List<StreamUpdate> out = new ArrayList<>(finals);
            if (partial != null) out.add(partial);
            return out;
        }
    }
}
