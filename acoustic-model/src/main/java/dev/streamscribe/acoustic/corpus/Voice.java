package dev.streamscribe.acoustic.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A text-to-speech voice of one of Debian's synthesisers, with the settings it is rendered at. */
public record Voice(String engine, String name, int rate, int pitch) {

    private static final String[] ESPEAK_VOICES = {"en-us", "en-gb", "en-gb-scotland", "en-gb-x-rp", "en-029",
            "en-gb-x-gbclan", "en-gb-x-gbcwmd", "en-us-nyc"};
    private static final String[] ESPEAK_VARIANTS = {"", "+m1", "+m2", "+m3", "+m4", "+m5", "+m6", "+m7", "+f1",
            "+f2", "+f3", "+f4", "+f5", "+klatt", "+klatt2"};
    private static final String[] FLITE_VOICES = {"kal16", "awb", "rms", "slt"};
    private static final String[] FESTIVAL_VOICES = {"kal_diphone", "ked_diphone", "cmu_us_slt_arctic_hts"};

    /** A short label for the manifest, e.g. {@code espeak-ng:en-us+m3@160/50}. */
    public String label() {
        return engine + ":" + name + (engine.equals("espeak-ng") ? "@" + rate + "/" + pitch : "");
    }

    /**
     * Draws a voice. espeak-ng is cheap and has many accents and variants, flite and festival sound more natural;
     * the mix gives each engine a fair share of the corpus.
     */
    public static Voice pick(Random r) {
        double u = r.nextDouble();
        if (u < 0.45) {
            String v = ESPEAK_VOICES[r.nextInt(ESPEAK_VOICES.length)] + ESPEAK_VARIANTS[r.nextInt(ESPEAK_VARIANTS.length)];
            return new Voice("espeak-ng", v, 130 + r.nextInt(71), 25 + r.nextInt(51));
        }
        if (u < 0.80) return new Voice("flite", FLITE_VOICES[r.nextInt(FLITE_VOICES.length)], 0, 0);
        return new Voice("festival", FESTIVAL_VOICES[r.nextInt(FESTIVAL_VOICES.length)], 0, 0);
    }

    /** The command that renders {@code text} to {@code wav}. */
    public List<String> command(String text, String wav) {
        List<String> c = new ArrayList<>();
        switch (engine) {
            case "espeak-ng" -> c.addAll(List.of("espeak-ng", "-v", name, "-s", Integer.toString(rate), "-p",
                    Integer.toString(pitch), "-w", wav, text));
            case "flite" -> c.addAll(List.of("flite", "-voice", name, "-t", text, "-o", wav));
            case "festival" -> c.addAll(List.of("text2wave", "-eval", "(voice_" + name + ")", "-o", wav));
            default -> throw new IllegalStateException("unknown engine " + engine);
        }
        return c;
    }

    /** festival's text2wave reads the text from standard input; the others take it as an argument. */
    public boolean textOnStdin() {
        return engine.equals("festival");
    }
}
