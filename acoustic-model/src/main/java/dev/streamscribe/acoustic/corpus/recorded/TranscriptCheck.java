package dev.streamscribe.acoustic.corpus.recorded;

import dev.streamscribe.acoustic.model.Alphabet;

import java.util.regex.Pattern;

/**
 * Whether a recorded piece and its written text can train the model: the text must say what is heard, in words the
 * alphabet can spell one way. A wrong transcript costs more than a lost piece, so doubtful ones are dropped, each
 * with a reason the import report counts.
 */
final class TranscriptCheck {
    /** The verdict: {@code reason} null and the normalised text, or the reason the piece is dropped. */
    record Verdict(String text, String reason) {
        boolean kept() {
            return reason == null;
        }
    }

    static final double MIN_SECONDS = 0.6;
    static final double MAX_SECONDS = 20;
    /** Letters and spaces per second of speech: read English runs at about 12-15. */
    static final double MIN_CHARS_PER_SECOND = 5;
    static final double MAX_CHARS_PER_SECOND = 25;

    /** Game or script markup: tags, placeholders, alternatives written with a slash. */
    private static final Pattern MARKUP = Pattern.compile("[<>{}\\[\\]|\\\\/_=@#$%^~]");
    /**
     * Numbers a speaker may say in more than one way: with separators (12,000 or 43.8), joined to letters (1940's,
     * 17th, 2418-B), or of three digits and more (150: "a hundred and fifty" or "one hundred fifty").
     */
    private static final Pattern AMBIGUOUS_NUMBER = Pattern.compile("\\d[,.:]\\d|\\d[-']?[A-Za-z]|[A-Za-z]-?\\d|\\d{3,}");

    private TranscriptCheck() {}

    static Verdict check(String written, double seconds) {
        if (MARKUP.matcher(written).find()) return new Verdict(null, "markup");
        if (AMBIGUOUS_NUMBER.matcher(written).find()) return new Verdict(null, "ambiguous-number");
        String text = Alphabet.normalise(written);
        if (text.isEmpty()) return new Verdict(null, "no-words");
        if (seconds < MIN_SECONDS) return new Verdict(null, "too-short");
        if (seconds > MAX_SECONDS) return new Verdict(null, "too-long");
        double rate = text.length() / seconds;
        if (rate < MIN_CHARS_PER_SECOND) return new Verdict(null, "too-slow-for-text");
        if (rate > MAX_CHARS_PER_SECOND) return new Verdict(null, "too-fast-for-text");
        return new Verdict(text, null);
    }
}
