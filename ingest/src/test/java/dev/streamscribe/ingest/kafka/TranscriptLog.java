package dev.streamscribe.ingest.kafka;

import dev.streamscribe.decoder.Word;
import dev.streamscribe.ingest.TestStreams;
import dev.streamscribe.ingest.kafka.LiveFleet.TestStream;
import dev.streamscribe.ingest.topology.PipelineConfig;
import dev.streamscribe.ingest.topology.Transcript;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a read_committed {@link TranscriptTail} has seen, per stream, and when it arrived; and the exactly-once check on it. */
final class TranscriptLog implements Consumer<Transcript> {
    private record Arrival(long nanos, Transcript transcript) {}

    private final Map<String, List<Arrival>> byStream = new ConcurrentHashMap<>();

    @Override
    public void accept(Transcript t) {
        byStream.computeIfAbsent(t.streamId(), k -> Collections.synchronizedList(new ArrayList<>())).add(new Arrival(System.nanoTime(), t));
    }

    private List<Arrival> arrivals(String id) {
        List<Arrival> a = byStream.getOrDefault(id, List.of());
        synchronized (a) {
            return List.copyOf(a);
        }
    }

    List<Transcript> of(String id) {
        return arrivals(id).stream().map(Arrival::transcript).toList();
    }

    boolean hasFinal(String id) {
        return of(id).stream().anyMatch(Transcript::isFinal);
    }

    boolean ended(String id) {
        return of(id).stream().anyMatch(Transcript::isEos);
    }

    /** When the first transcript of {@code ids} matching {@code which} arrived after {@code afterNanos}. */
    long first(Collection<String> ids, long afterNanos, Predicate<Transcript> which) {
        Optional<Long> first = ids.stream().flatMap(id -> arrivals(id).stream())
                .filter(a -> a.nanos() > afterNanos && which.test(a.transcript())).map(Arrival::nanos).min(Long::compare);
        return first.orElseThrow(() -> new AssertionError("nothing arrived for " + ids));
    }

    /**
     * The exactly-once check of the fault tests, printing how much it checked under {@code label}: per stream,
     * everything committed is in order without repeats (utterance, then audio position, partials before their final),
     * the finals are utterances 0, 1, 2, ... with the same words at the same times as offline, and the eos final
     * comes once, last; and no chunk went to the dead-letter topic, where one seen twice would go as a duplicate.
     */
    void assertExactlyTheOfflineTranscripts(List<TestStream> fleet, KafkaSettings kafka, String label) {
        Comparator<Transcript> order = Comparator.comparingInt(Transcript::utterance).thenComparingLong(Transcript::audioMs)
                .thenComparing(Transcript::isFinal);
        for (TestStream s : fleet) {
            List<Transcript> all = of(s.id());
            assertFalse(all.isEmpty(), s.id() + ": no transcript");
            for (int i = 1; i < all.size(); i++) {
                assertTrue(order.compare(all.get(i - 1), all.get(i)) < 0, s.id() + ": transcript " + i + " repeats or goes back: "
                        + all.get(i - 1) + " then " + all.get(i));
            }
            List<Transcript> finals = all.stream().filter(Transcript::isFinal).toList();
            for (int i = 0; i < finals.size(); i++) assertEquals(i, finals.get(i).utterance(), s.id() + ": final " + i + " of " + finals);
            assertEquals(1, finals.stream().filter(Transcript::isEos).count(), s.id() + ": one eos final");
            assertTrue(all.get(all.size() - 1).isEos(), s.id() + ": the eos final comes last");
            assertEquals(s.offline().text(), TestStreams.finalText(finals), s.id());
            assertEquals(timed(s.offline().words()), timed(finals.stream().flatMap(t -> t.words().stream()).toList()), s.id());
        }
        assertFalse(fleet.get(0).offline().text().isBlank(), "the model hears words in the fixtures");
        assertEquals(List.of(), TwoStreamScenario.deadLetterCodes(kafka, PipelineConfig.DEFAULT.dlqTopic()),
                "no chunk was seen twice against committed state (it would be dead-lettered as a duplicate)");
        long finals = fleet.stream().mapToLong(s -> of(s.id()).stream().filter(Transcript::isFinal).count()).sum();
        long all = fleet.stream().mapToLong(s -> of(s.id()).size()).sum();
        System.out.printf("%s: checked %d committed transcripts of %d streams, %d of them finals%n", label, all, fleet.size(), finals);
    }

    private static List<String> timed(List<Word> words) {
        return words.stream().map(w -> w.word() + "@" + w.startMs() + "-" + w.endMs()).toList();
    }
}
