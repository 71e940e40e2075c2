package dev.streamscribe.decoder;

/** The acoustic model's output labels: the characters of {@link #ALPHABET} by index, then the CTC blank. */
public final class Labels {
    public static final String ALPHABET = "' abcdefghijklmnopqrstuvwxyz";
    /** The word separator. */
    public static final int SPACE = 1;
    public static final int BLANK = 28;
    /** Labels per frame, blank included. */
    public static final int COUNT = 29;

    private Labels() {}
}
