package dev.streamscribe.ingest.subtitles;

import dev.streamscribe.decoder.Word;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Subtitle cues from timed words, in SubRip (SRT) or WebVTT. Each final (an utterance the endpointer closed) starts
 * a cue; a cue holds at most two lines of 42 characters and 7 seconds, the usual limits of broadcast subtitles, and a
 * pause of a second or more starts a new one, so that a cue is not on screen while nobody speaks.
 */
public final class Subtitles {
    public enum Format {
        SRT, VTT;

        public static Format of(String name) {
            return switch (name.toLowerCase(Locale.ROOT)) {
                case "srt" -> SRT;
                case "vtt" -> VTT;
                default -> throw new IllegalArgumentException("unknown subtitle format '" + name + "' (srt or vtt)");
            };
        }
    }

    /** One cue: its words' span and its text, already broken into lines. */
    public record Cue(long startMs, long endMs, List<String> lines) {}

    static final int LINE_CHARS = 42;
    static final long MAX_CUE_MS = 7_000;
    static final long PAUSE_MS = 1_000;

    private Subtitles() {}

    /** The cues of a transcript given as its finals' words, in order. */
    public static List<Cue> cues(List<List<Word>> finals) {
        List<Cue> cues = new ArrayList<>();
        for (List<Word> words : finals) {
            List<Word> open = new ArrayList<>();
            for (Word w : words) {
                if (!open.isEmpty() && startsNewCue(open, w)) {
                    cues.add(cue(open));
                    open.clear();
                }
                open.add(w);
            }
            if (!open.isEmpty()) cues.add(cue(open));
        }
        return cues;
    }

    private static boolean startsNewCue(List<Word> open, Word next) {
        Word last = open.get(open.size() - 1);
        return next.startMs() - last.endMs() >= PAUSE_MS
                || next.endMs() - open.get(0).startMs() > MAX_CUE_MS
                || lines(open, next).size() > 2;
    }

    private static Cue cue(List<Word> words) {
        return new Cue(words.get(0).startMs(), words.get(words.size() - 1).endMs(), lines(words, null));
    }

    /** Words filled into lines of at most {@link #LINE_CHARS} (a longer word gets a line of its own). */
    private static List<String> lines(List<Word> words, Word extra) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        List<Word> all = new ArrayList<>(words);
        if (extra != null) all.add(extra);
        for (Word w : all) {
            if (line.length() > 0 && line.length() + 1 + w.word().length() > LINE_CHARS) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) line.append(' ');
            line.append(w.word());
        }
        if (line.length() > 0) lines.add(line.toString());
        return lines;
    }

    public static String render(List<Cue> cues, Format format) {
        StringBuilder out = new StringBuilder(format == Format.VTT ? "WEBVTT\n\n" : "");
        for (int i = 0; i < cues.size(); i++) {
            Cue c = cues.get(i);
            if (format == Format.SRT) out.append(i + 1).append('\n');
            out.append(time(c.startMs(), format)).append(" --> ").append(time(c.endMs(), format)).append('\n');
            for (String l : c.lines()) out.append(l).append('\n');
            out.append('\n');
        }
        return out.toString();
    }

    /** {@code HH:MM:SS,mmm} in SRT, {@code HH:MM:SS.mmm} in WebVTT. */
    static String time(long ms, Format format) {
        return String.format(Locale.ROOT, "%02d:%02d:%02d%s%03d", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60,
                format == Format.SRT ? "," : ".", ms % 1000);
    }
}
