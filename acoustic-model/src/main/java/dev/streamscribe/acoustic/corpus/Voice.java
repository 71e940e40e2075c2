package dev.streamscribe.acoustic.corpus;

import java.util.List;
import java.util.Random;

/** A text-to-speech voice of one of Debian's synthesisers, with the settings it is rendered at. */
public record Voice(Engine engine, String name, int rate, int pitch) {

    private static final List<String> ESPEAK_VOICES = List.of("en-us", "en-gb", "en-gb-scotland", "en-gb-x-rp", "en-029",
            "en-gb-x-gbclan", "en-gb-x-gbcwmd", "en-us-nyc");
    private static final String[] ESPEAK_VARIANTS = {"", "+m1", "+m2", "+m3", "+m4", "+m5", "+m6", "+m7", "+f1",
            "+f2", "+f3", "+f4", "+f5", "+klatt", "+klatt2"};
    private static final List<String> FLITE_VOICES = List.of("kal16", "awb", "rms", "slt");
    private static final List<String> FESTIVAL_VOICES = List.of("kal_diphone", "ked_diphone", "cmu_us_slt_arctic_hts");
    /** us1 is female, us2 and us3 male, en1 a British male; espeak-ng drives them. {@link Engine} checks their data. */
    static final List<String> MBROLA_VOICES = List.of("us1", "us2", "us3", "en1");
    private static final List<String> PICO_VOICES = List.of("en-US", "en-GB");
    /** The LGPL voices of rhvoice-english; its other two (evgeniy-eng, lyubov) are CC-BY-NC-ND and left out. */
    private static final List<String> RHVOICE_VOICES = List.of("alan", "bdl", "clb", "slt");

    /** A short label for the manifest, e.g. {@code espeak-ng:en-us+m3@160/50}. */
    public String label() {
        return engine.label() + ":" + name + (rate > 0 ? "@" + rate + "/" + pitch : "");
    }

    /** An engine's voices, without espeak-ng's variants. */
    static List<String> names(Engine engine) {
        return switch (engine) {
            case ESPEAK_NG -> ESPEAK_VOICES;
            case FLITE -> FLITE_VOICES;
            case FESTIVAL -> FESTIVAL_VOICES;
            case MBROLA -> MBROLA_VOICES;
            case PICO -> PICO_VOICES;
            case RHVOICE -> RHVOICE_VOICES;
        };
    }

    /** The voice without its espeak-ng variant, as {@link #names} lists it. */
    String baseName() {
        int plus = name.indexOf('+');
        return plus < 0 ? name : name.substring(0, plus);
    }

    /**
     * Draws an engine by its share among the pool's engines, then one of its voices in the pool and settings. A pool of
     * whole engines draws exactly as before pools could name voices, so earlier corpora are reproduced.
     */
    static Voice pick(Random r, VoicePool pool) {
        double u = r.nextDouble() * pool.engines().stream().mapToInt(Engine::share).sum();
        Engine chosen = null;
        for (Engine e : pool.engines()) {
            chosen = e;
            u -= e.share();
            if (u < 0) break;
        }
        List<String> voices = pool.voices(chosen);
        String voice = voices.get(r.nextInt(voices.size()));
        return switch (chosen) {
            case ESPEAK_NG -> espeakDriven(chosen, voice + ESPEAK_VARIANTS[r.nextInt(ESPEAK_VARIANTS.length)], r);
            case MBROLA -> espeakDriven(chosen, voice, r);
            case RHVOICE -> new Voice(chosen, voice, 70 + r.nextInt(61), 80 + r.nextInt(41));
            case FLITE, FESTIVAL, PICO -> new Voice(chosen, voice, 0, 0);
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
            case RHVOICE -> List.of("RHVoice-test", "-p", name, "-r", Integer.toString(rate), "-t", Integer.toString(pitch),
                    "-o", wav);
        };
    }

    private List<String> espeak(String voice, String text, String wav) {
        return List.of("espeak-ng", "-v", voice, "-s", Integer.toString(rate), "-p", Integer.toString(pitch),
                "-w", wav, text);
    }

    /** festival's text2wave and RHVoice read the text from standard input; the others take it as an argument. */
    public boolean textOnStdin() {
        return engine == Engine.FESTIVAL || engine == Engine.RHVOICE;
    }
}
