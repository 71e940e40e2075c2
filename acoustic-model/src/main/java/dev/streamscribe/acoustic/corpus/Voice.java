package dev.streamscribe.acoustic.corpus;

import java.util.List;
import java.util.Random;
import java.util.Set;

/** A text-to-speech voice of one of Debian's synthesisers, with the settings it is rendered at. */
public record Voice(Engine engine, String name, int rate, int pitch) {

    private static final String[] ESPEAK_VOICES = {"en-us", "en-gb", "en-gb-scotland", "en-gb-x-rp", "en-029",
            "en-gb-x-gbclan", "en-gb-x-gbcwmd", "en-us-nyc"};
    private static final String[] ESPEAK_VARIANTS = {"", "+m1", "+m2", "+m3", "+m4", "+m5", "+m6", "+m7", "+f1",
            "+f2", "+f3", "+f4", "+f5", "+klatt", "+klatt2"};
    private static final String[] FLITE_VOICES = {"kal16", "awb", "rms", "slt"};
    private static final String[] FESTIVAL_VOICES = {"kal_diphone", "ked_diphone", "cmu_us_slt_arctic_hts"};
    /** us1 is female, us2 and us3 male, en1 a British male; espeak-ng drives them. {@link Engine} checks their data. */
    static final List<String> MBROLA_VOICES = List.of("us1", "us2", "us3", "en1");
    private static final String[] PICO_VOICES = {"en-US", "en-GB"};

    /** A short label for the manifest, e.g. {@code espeak-ng:en-us+m3@160/50}. */
    public String label() {
        return engine.label() + ":" + name + (rate > 0 ? "@" + rate + "/" + pitch : "");
    }

    /** Draws an engine by its share among {@code engines}, then one of its voices and settings. */
    public static Voice pick(Random r, Set<Engine> engines) {
        double u = r.nextDouble() * engines.stream().mapToInt(Engine::share).sum();
        Engine chosen = null;
        for (Engine e : engines) {
            chosen = e;
            u -= e.share();
            if (u < 0) break;
        }
        return switch (chosen) {
            case ESPEAK_NG -> espeakDriven(chosen, ESPEAK_VOICES[r.nextInt(ESPEAK_VOICES.length)]
                    + ESPEAK_VARIANTS[r.nextInt(ESPEAK_VARIANTS.length)], r);
            case FLITE -> new Voice(chosen, FLITE_VOICES[r.nextInt(FLITE_VOICES.length)], 0, 0);
            case FESTIVAL -> new Voice(chosen, FESTIVAL_VOICES[r.nextInt(FESTIVAL_VOICES.length)], 0, 0);
            case MBROLA -> espeakDriven(chosen, MBROLA_VOICES.get(r.nextInt(MBROLA_VOICES.size())), r);
            case PICO -> new Voice(chosen, PICO_VOICES[r.nextInt(PICO_VOICES.length)], 0, 0);
        };
    }

    /** espeak-ng renders both its own and the mbrola voices, so both get its range of speeds and pitches. */
    private static Voice espeakDriven(Engine engine, String name, Random r) {
        return new Voice(engine, name, 130 + r.nextInt(71), 25 + r.nextInt(51));
    }

    /** The command that renders {@code text} to {@code wav}. */
    public List<String> command(String text, String wav) {
        return switch (engine) {
            case ESPEAK_NG -> espeak(name, text, wav);
            case MBROLA -> espeak("mb-" + name, text, wav);
            case FLITE -> List.of("flite", "-voice", name, "-t", text, "-o", wav);
            case FESTIVAL -> List.of("text2wave", "-eval", "(voice_" + name + ")", "-o", wav);
            case PICO -> List.of("pico2wave", "-l", name, "-w", wav, text);
        };
    }

    private List<String> espeak(String voice, String text, String wav) {
        return List.of("espeak-ng", "-v", voice, "-s", Integer.toString(rate), "-p", Integer.toString(pitch),
                "-w", wav, text);
    }

    /** festival's text2wave reads the text from standard input; the others take it as an argument. */
    public boolean textOnStdin() {
        return engine == Engine.FESTIVAL;
    }
}
