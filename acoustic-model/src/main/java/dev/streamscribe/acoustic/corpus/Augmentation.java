package dev.streamscribe.acoustic.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * How one utterance is degraded: sox does speed, pitch, reverberation, the telephone band and the 11 kHz band of
 * game and archive audio (real recordings often come at 11,025 Hz, so nothing above 5.5 kHz); noise (at a given SNR)
 * and gain are mixed in Java. Drawn per utterance from a seeded generator, so a corpus is reproducible.
 */
public record Augmentation(double speed, int pitchCents, int reverb, boolean telephone, String noise, double snrDb,
                           double gainDb, boolean narrowband) {

    public static final Augmentation NONE = new Augmentation(1, 0, 0, false, "none", 0, 0, false);

    public static Augmentation pick(Random r) {
        double speed = r.nextDouble() < 0.5 ? 0.88 + r.nextDouble() * 0.24 : 1.0;
        int pitch = r.nextDouble() < 0.25 ? r.nextInt(401) - 200 : 0;
        int reverb = r.nextDouble() < 0.25 ? 20 + r.nextInt(50) : 0;
        boolean phone = r.nextDouble() < 0.12;
        String noise = "none";
        double snr = 0;
        double n = r.nextDouble();
        if (n < 0.15) noise = "white";
        else if (n < 0.30) noise = "pink";
        else if (n < 0.45) noise = "babble";
        if (!noise.equals("none")) snr = 8 + r.nextDouble() * 22;
        double gain = -r.nextDouble() * 18;
        // drawn last, so the draws above (and the corpora made before it) are unchanged
        boolean narrow = !phone && r.nextDouble() < 0.15;
        return new Augmentation(speed, pitch, reverb, phone, noise, snr, gain, narrow);
    }

    /** sox effects (after the input and output file names). */
    public List<String> soxEffects() {
        List<String> e = new ArrayList<>();
        if (speed != 1.0) e.addAll(List.of("speed", String.format(Locale.ROOT, "%.3f", speed)));
        if (pitchCents != 0) e.addAll(List.of("pitch", Integer.toString(pitchCents)));
        if (reverb > 0) e.addAll(List.of("reverb", Integer.toString(reverb), "50", Integer.toString(40 + reverb / 2)));
        if (telephone) e.addAll(List.of("sinc", "300-3400", "rate", "8000"));
        if (narrowband) e.addAll(List.of("rate", "11025"));
        e.addAll(List.of("rate", "16000"));
        return e;
    }

    /**
     * True if a {@link #label()} names a degradation of the channel (reverberation, the telephone band, noise) rather
     * than a variation of the voice (speed, pitch) or of the level (gain).
     */
    public static boolean degrades(String label) {
        for (String part : label.split(",")) {
            if (part.startsWith("reverb") || part.equals("telephone") || part.equals("band11k") || part.contains("@")) {
                return true;
            }
        }
        return false;
    }

    public String label() {
        List<String> parts = new ArrayList<>();
        if (speed != 1.0) parts.add(String.format(Locale.ROOT, "speed%.2f", speed));
        if (pitchCents != 0) parts.add("pitch" + pitchCents);
        if (reverb > 0) parts.add("reverb" + reverb);
        if (telephone) parts.add("telephone");
        if (narrowband) parts.add("band11k");
        if (!noise.equals("none")) parts.add(String.format(Locale.ROOT, "%s@%.0fdB", noise, snrDb));
        parts.add(String.format(Locale.ROOT, "gain%.0fdB", gainDb));
        return String.join(",", parts);
    }
}
