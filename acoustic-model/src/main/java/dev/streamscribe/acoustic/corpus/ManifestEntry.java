package dev.streamscribe.acoustic.corpus;

/**
 * One line of a corpus manifest (JSON lines); {@code audio} is relative to the manifest's folder. {@code voice} is
 * the synthesiser voice or, for recorded speech, the speaker; {@code recorded} marks people rather than
 * synthesisers, and {@code licence} the licence of a recorded source's audio and text (null for synthesised lines,
 * whose licences are those of the text sources, listed in the model card).
 */
public record ManifestEntry(String id, String audio, String text, String voice, String augmentation,
                            long durationMs, String split, String source, boolean recorded, String licence) {
    public static final String TRAIN = "train";
    public static final String DEV = "dev";

    /** True when the licence forbids commercial use (a Creative Commons licence with NC). */
    public boolean nonCommercial() {
        return licence != null && licence.contains("-NC");
    }

    /** A synthesised utterance. */
    public static ManifestEntry synthesised(String id, String audio, String text, String voice, String augmentation,
                                            long durationMs, String split, String source) {
        return new ManifestEntry(id, audio, text, voice, augmentation, durationMs, split, source, false, null);
    }
}
