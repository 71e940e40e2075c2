package dev.streamscribe.ingest.topology;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamscribe.decoder.UtteranceResult;
import dev.streamscribe.decoder.Word;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/** One value of the {@code transcripts} topic (ARCHITECTURE.md §3). {@code eos} is present only on the final that ends a stream. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Transcript(String streamId, int utterance, String type, String text, long startMs, long endMs,
                         double confidence, List<Word> words, long audioMs, String emittedAt, String model, Boolean eos) {
    public static final String PARTIAL = "partial";
    public static final String FINAL = "final";

    // Readers tolerate fields added by later versions of the topic format.
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public static Transcript of(String streamId, UtteranceResult r, Instant emittedAt, String model) {
        List<Word> words = r.words().stream()
                .map(w -> new Word(w.word(), w.startMs(), w.endMs(), round(w.confidence()))).toList();
        return new Transcript(streamId, r.utterance(), r.isFinal() ? FINAL : PARTIAL, r.text(), r.startMs(), r.endMs(),
                round(r.confidence()), words, r.audioMs(), emittedAt.toString(), model, r.eos() ? Boolean.TRUE : null);
    }

    @JsonIgnore
    public boolean isFinal() {
        return FINAL.equals(type);
    }

    @JsonIgnore
    public boolean isEos() {
        return Boolean.TRUE.equals(eos);
    }

    /** Three decimals are all a confidence means, and they keep the records short. */
    private static double round(double x) {
        return Math.round(x * 1000) / 1000.0;
    }

    public byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Transcript fromJson(byte[] json) throws IOException {
        return JSON.readValue(json, Transcript.class);
    }
}
