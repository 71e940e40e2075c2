package dev.streamscribe.acoustic.corpus;

/** One line of a corpus manifest (JSON lines); {@code audio} is relative to the manifest's folder. */
public record ManifestEntry(String id, String audio, String text, String voice, String augmentation,
                            long durationMs, String split, String source) {
    public static final String TRAIN = "train";
    public static final String DEV = "dev";
}
