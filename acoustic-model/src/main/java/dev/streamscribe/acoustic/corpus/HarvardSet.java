package dev.streamscribe.acoustic.corpus;

import dev.streamscribe.features.audio.WavWriter;
import dev.streamscribe.features.io.Directories;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The evaluation folder: Harvard sentences (never trained on) rendered clean by a fixed set of voices, one
 * voice per sentence in turn, with refs.tsv as {@code ./asr eval} reads it.
 */
public final class HarvardSet {
    /**
     * The engines of the folder the model card reports on. mbrola and pico came later and are left out by default
     * so that its figures stay comparable from model to model; models up to v3 never heard them.
     */
    public static final VoicePool DEFAULT_VOICES = VoicePool.of(EnumSet.of(Engine.ESPEAK_NG, Engine.FLITE, Engine.FESTIVAL));

    /** Voices from each engine, at their default settings. */
    public static final List<Voice> VOICES = List.of(
            new Voice(Engine.ESPEAK_NG, "en-us", 160, 50),
            new Voice(Engine.ESPEAK_NG, "en-gb+m3", 150, 40),
            new Voice(Engine.FLITE, "slt", 0, 0),
            new Voice(Engine.FLITE, "kal16", 0, 0),
            new Voice(Engine.FLITE, "rms", 0, 0),
            new Voice(Engine.FESTIVAL, "kal_diphone", 0, 0),
            new Voice(Engine.FESTIVAL, "cmu_us_slt_arctic_hts", 0, 0),
            new Voice(Engine.MBROLA, "us1", 160, 50),
            new Voice(Engine.MBROLA, "us2", 160, 50),
            new Voice(Engine.MBROLA, "us3", 160, 50),
            new Voice(Engine.MBROLA, "en1", 160, 50),
            new Voice(Engine.PICO, "en-US", 0, 0),
            new Voice(Engine.PICO, "en-GB", 0, 0));

    private HarvardSet() {}

    public static List<Voice> voices(VoicePool pool) {
        return VOICES.stream().filter(pool::allows).toList();
    }

    /** Renders the first {@code sentences} Harvard sentences, each by the next of the pool's voices. */
    public static void write(Path dir, int sentences, VoicePool pool, PrintStream log) throws IOException {
        Engine.requireInstalled(pool.engines());
        List<Voice> voices = voices(pool);
        if (voices.isEmpty()) throw new IllegalArgumentException("the Harvard folder has no voice among " + pool.label());
        Files.createDirectories(dir);
        List<String> all = PromptSources.harvardSentences();
        Path scratch = Files.createTempDirectory("harvard");
        Renderer renderer = new Renderer(scratch, List.of());
        List<String> refs = new ArrayList<>();
        Progress progress = new Progress(log, "sentences", Math.min(sentences, all.size()));
        try {
            for (int i = 0; i < Math.min(sentences, all.size()); i++) {
                Voice v = voices.get(i % voices.size());
                String name = String.format("h%03d-%s.wav", i, v.engine().label() + "-" + v.name().replace('+', '-'));
                String text = dev.streamscribe.acoustic.model.Alphabet.normalise(all.get(i));
                WavWriter.write(renderer.render(text, v, Augmentation.NONE, i), dir.resolve(name));
                refs.add(name + "\t" + all.get(i));
                progress.update(i + 1, v.label());
            }
        } finally {
            Directories.delete(scratch);
        }
        Files.write(dir.resolve("refs.tsv"), refs, StandardCharsets.UTF_8);
    }
}
