package dev.streamscribe.ingest.topology;

import java.util.Locale;

/** Why a chunk went to the dead-letter topic: a stable code for machines (the {@code error} header) and a detail for people. */
public final class Rejection extends Exception {
    /** The stable codes of the {@code error} header. */
    public enum Code {
        BAD_KEY, BAD_HEADER, BAD_RATE, BAD_FORMAT, BAD_CHANNELS, BAD_LENGTH, BAD_SAMPLES, WAV_IN_RAW, TOO_LARGE,
        BAD_HOTWORDS, SEQ_GAP, DUPLICATE, RATE_CHANGE, FORMAT_CHANGE, AFTER_EOS, TOO_MANY_STREAMS, STATE_UNREADABLE, INTERNAL;

        /** The header value: lower case with dashes, e.g. {@code seq-gap}. */
        public String header() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private final Code code;

    public Rejection(Code code, String detail) {
        super(detail, null, false, false);
        this.code = code;
    }

    public Code code() {
        return code;
    }
}
