package dev.streamscribe.ingest.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamscribe.decoder.Word;
import dev.streamscribe.ingest.topology.Transcript;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the board keeps and sends, and that no topic content makes it grow past its limits. */
class TranscriptBoardTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EMITTED = "2026-11-23T10:15:02.120Z";
    private static final long EMITTED_MS = 1_795_428_902_120L;

    @Test
    void aNewSubscriberGetsTheKeptFinalsThenTheOpenPartialThenWhatFollows() {
        TranscriptBoard board = new TranscriptBoard(new DashboardLimits(10, 2, 4));
        for (int u = 0; u < 3; u++) {
            board.accept(partial("a", u, "half " + u), -1, EMITTED_MS);
            board.accept(fin("a", u, "whole " + u, false), -1, EMITTED_MS);
        }
        board.accept(partial("a", 3, "open"), -1, EMITTED_MS);
        List<String> live = new ArrayList<>();
        List<JsonNode> snapshot = data(board.subscribe(frame -> live.add(frame)));

        assertEquals(2, snapshot.get(0).get("maxFinals").asInt(), "a reset with the limits comes first");
        assertEquals(List.of("whole 1", "whole 2", "open"), snapshot.subList(1, 4).stream().map(n -> n.get("text").asText()).toList(),
                "the last two finals, then the partial");
        board.accept(fin("a", 3, "done", true), -1, EMITTED_MS);
        JsonNode last = data(live).get(0);
        assertEquals("done", last.get("text").asText());
        assertTrue(last.get("eos").asBoolean());
        assertEquals(List.of("whole 2", "done"), texts(board), "the final replaced the partial of its utterance");
    }

    @Test
    void endedStreamsMakeRoomFirstThenTheLeastRecentlyUpdated() {
        TranscriptBoard board = new TranscriptBoard(new DashboardLimits(3, 5, 4));
        List<String> live = new ArrayList<>();
        board.subscribe(live::add);
        board.accept(partial("old", 0, "x"), -1, EMITTED_MS);
        board.accept(fin("ended", 0, "y", true), -1, EMITTED_MS);
        board.accept(partial("busy", 0, "z"), -1, EMITTED_MS);
        board.accept(partial("new-1", 0, "w"), -1, EMITTED_MS);
        board.accept(partial("old", 0, "x2"), -1, EMITTED_MS); // old is now more recent than busy
        board.accept(partial("new-2", 0, "v"), -1, EMITTED_MS);

        List<String> removed = removed(live);
        assertEquals(List.of("ended", "busy"), removed);
        assertEquals(3, board.streamCount());
    }

    @Test
    void hostileRecordsAreCutOrSkipped() {
        TranscriptBoard board = new TranscriptBoard(DashboardLimits.DEFAULT);
        String huge = "<script>".repeat(100_000);
        List<Word> words = Collections.nCopies(10_000, new Word(huge, 0, 10, 0.5));
        board.accept(new Transcript("s", 0, Transcript.FINAL, huge, 0, 10, 1, words, 10, "not a time", null, null), -1, EMITTED_MS);
        board.accept(new Transcript(null, 0, Transcript.FINAL, "no id", 0, 10, 1, null, 10, EMITTED, null, null), -1, EMITTED_MS);
        board.accept(new Transcript("x".repeat(300), 0, Transcript.FINAL, "long id", 0, 10, 1, null, 10, EMITTED, null, null), -1, EMITTED_MS);
        board.accept(new Transcript("t", 0, "weird", "bad type", 0, 10, 1, null, 10, EMITTED, null, null), -1, EMITTED_MS);
        board.accept(new Transcript("u", 0, Transcript.PARTIAL, null, 0, 10, 1, List.of(new Word(null, 0, 1, 1)), 10, null, null, null), -1, EMITTED_MS);

        assertEquals(2, board.streamCount(), "only s and u are streams to show");
        List<JsonNode> shown = data(board.subscribe(frame -> true));
        JsonNode s = shown.get(1);
        assertEquals(StreamUpdate.MAX_TEXT_CHARS + 1, s.get("text").asText().length());
        assertEquals(StreamUpdate.MAX_WORDS, s.get("words").size());
        assertEquals(StreamUpdate.MAX_WORD_CHARS + 1, s.get("words").get(0).get("word").asText().length());
        assertTrue(s.get("pipelineMs").isNull() && s.get("deliveryMs").isNull(), "no latency without a valid emittedAt");
        JsonNode u = shown.get(2);
        assertEquals("", u.get("text").asText());
        assertEquals(0, u.get("words").size());
    }

    @Test
    void latenciesComeFromTheChunkTimestampAndEmittedAt() {
        TranscriptBoard board = new TranscriptBoard(DashboardLimits.DEFAULT);
        board.accept(fin("a", 0, "hi", false), EMITTED_MS - 120, EMITTED_MS + 80);
        JsonNode a = data(board.subscribe(frame -> true)).get(1);
        assertEquals(120, a.get("pipelineMs").asLong());
        assertEquals(80, a.get("deliveryMs").asLong());
    }

    @Test
    void aSubscriberThatFallsBehindIsDropped() {
        TranscriptBoard board = new TranscriptBoard(DashboardLimits.DEFAULT);
        List<String> got = new ArrayList<>();
        board.subscribe(frame -> got.add(frame) && got.size() < 3);
        for (int u = 0; u < 10; u++) board.accept(fin("a", u, "w" + u, false), -1, EMITTED_MS);
        assertEquals(3, got.size(), "nothing more is offered once it refused");
    }

    private static Transcript partial(String id, int utterance, String text) {
        return new Transcript(id, utterance, Transcript.PARTIAL, text, 0, 10, 0.5, List.of(), 10, EMITTED, "m", null);
    }

    private static Transcript fin(String id, int utterance, String text, boolean eos) {
        return new Transcript(id, utterance, Transcript.FINAL, text, 0, 10, 0.5, List.of(new Word(text, 0, 10, 0.5)), 10,
                EMITTED, "m", eos ? Boolean.TRUE : null);
    }

    /** The texts a new subscriber is sent, after the reset. */
    private static List<String> texts(TranscriptBoard board) {
        List<JsonNode> d = data(board.subscribe(frame -> true));
        return d.subList(1, d.size()).stream().map(n -> n.get("text").asText()).toList();
    }

    private static List<String> removed(List<String> frames) {
        return frames.stream().filter(f -> f.startsWith("event: remove\n")).map(f -> data(List.of(f)).get(0).get("streamId").asText()).toList();
    }

    private static List<JsonNode> data(List<String> frames) {
        List<JsonNode> out = new ArrayList<>();
        for (String f : frames) {
            assertTrue(f.endsWith("\n\n") && f.startsWith("event: "), f);
            String[] lines = f.split("\n");
            assertEquals(2, lines.length, "one event line and one data line");
            try {
                out.add(JSON.readTree(lines[1].substring("data: ".length())));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }
}
