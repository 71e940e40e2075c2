package dev.streamscribe.ingest.subtitles;

import dev.streamscribe.decoder.Word;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SubtitlesTest {
    private static Word w(String word, long start, long end) {
        return new Word(word, start, end, 0.9);
    }

    @Test
    void srtAndVttCarryTheSameCuesInTheirOwnSyntax() {
        List<List<Word>> words = List.of(List.of(w("hello", 500, 900), w("there", 950, 1_400), w("again", 3_000, 3_500)));
        assertEquals("""
                1
                00:00:00,500 --> 00:00:01,400
                hello there

                2
                00:00:03,000 --> 00:00:03,500
                again

                """, Subtitles.render(Subtitles.cues(words), Subtitles.Format.SRT));
        assertEquals("""
                WEBVTT

                00:00:00.500 --> 00:00:01.400
                hello there

                00:00:03.000 --> 00:00:03.500
                again

                """, Subtitles.render(Subtitles.cues(words), Subtitles.Format.of("vtt")));
        assertEquals("01:02:03,004", Subtitles.time(3_723_004, Subtitles.Format.SRT));
    }

    @Test
    void longSpeechIsCutIntoCuesOfAtMostTwoLinesAndSevenSeconds() {
        List<Word> words = new ArrayList<>();
        for (int i = 0; i < 60; i++) words.add(w(i % 3 == 0 ? "subtitles" : "are", i * 300L, i * 300L + 250));
        List<Subtitles.Cue> cues = Subtitles.cues(List.of(words));
        assertTrue(cues.size() > 2, cues.toString());
        int count = 0;
        for (Subtitles.Cue c : cues) {
            assertTrue(c.lines().size() <= 2, c.toString());
            for (String line : c.lines()) assertTrue(line.length() <= Subtitles.LINE_CHARS, line);
            assertTrue(c.endMs() - c.startMs() <= Subtitles.MAX_CUE_MS, c.toString());
            for (String line : c.lines()) count += line.split(" ").length;
        }
        assertEquals(words.size(), count, "every word is in exactly one cue");
        assertEquals(List.of(), Subtitles.cues(List.of()));
    }

    @Test
    void eachFinalStartsACue() {
        List<Subtitles.Cue> cues = Subtitles.cues(List.of(List.of(w("go", 0, 200), w("on", 250, 400)), List.of(w("now", 450, 600))));
        assertEquals(List.of(List.of("go on"), List.of("now")), cues.stream().map(Subtitles.Cue::lines).toList());
    }
}
