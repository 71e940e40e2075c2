package dev.streamscribe.ingest.dashboard;

import dev.streamscribe.decoder.Word;
import dev.streamscribe.ingest.topology.Transcript;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;

/**
 * A transcript as the browser gets it: the fields it shows, cut to a bounded size, and two latencies the
 * dashboard can measure. {@code pipelineMs} runs from the timestamp of the audio chunk record (the producer's
 * clock) to {@code emittedAt} (the pipeline's clock); {@code deliveryMs} from {@code emittedAt} to the dashboard
 * receiving it, which includes waiting for the pipeline's transaction to commit. Either is null when unknown.
 */
record StreamUpdate(String streamId, String type, int utterance, String text, List<Word> words, double confidence,
                    long audioMs, boolean eos, Long pipelineMs, Long deliveryMs) {
    /** Far above a real utterance (a few hundred characters): what one hostile record may cost in memory. */
    static final int MAX_TEXT_CHARS = 2_000;
    static final int MAX_WORDS = 300;
    static final int MAX_WORD_CHARS = 100;
    /** As the pipeline's own limit on stream ids (ARCHITECTURE.md §3). */
    static final int MAX_STREAM_ID_CHARS = 256;

    /** The update for {@code t}, or null if it is not a transcript the dashboard can show. */
    static StreamUpdate of(Transcript t, long chunkTimestampMs, long receivedMs) {
        if (t.streamId() == null || t.streamId().isEmpty() || t.streamId().length() > MAX_STREAM_ID_CHARS) return null;
        if (!Transcript.PARTIAL.equals(t.type()) && !Transcript.FINAL.equals(t.type())) return null;
        List<Word> words = t.words() == null ? List.of() : t.words().stream().filter(Objects::nonNull)
                .filter(w -> w.word() != null).limit(MAX_WORDS).map(StreamUpdate::cut).toList();
        Instant emitted = instant(t.emittedAt());
        Long pipeline = emitted == null || chunkTimestampMs < 0 ? null : emitted.toEpochMilli() - chunkTimestampMs;
        Long delivery = emitted == null ? null : receivedMs - emitted.toEpochMilli();
        return new StreamUpdate(t.streamId(), t.type(), t.utterance(), cut(t.text(), MAX_TEXT_CHARS), words, t.confidence(),
                t.audioMs(), t.isEos(), pipeline, delivery);
    }

    boolean isFinal() {
        return Transcript.FINAL.equals(type);
    }

    private static Word cut(Word w) {
        return new Word(cut(w.word(), MAX_WORD_CHARS), w.startMs(), w.endMs(), w.confidence());
    }

    private static String cut(String s, int max) {
        if (s == null) return "";
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }

    private static Instant instant(String s) {
        try {
            return s == null ? null : Instant.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
