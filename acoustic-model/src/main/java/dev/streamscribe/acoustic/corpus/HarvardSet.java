package dev.streamscribe.acoustic.corpus;

import dev.streamscribe.features.audio.WavWriter;
import dev.streamscribe.features.io.Directories;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The evaluation folder: Harvard sentences (never trained on) rendered clean by a fixed set of voices, one
 * voice per sentence in turn, with refs.tsv as {@code ./asr eval} reads it.
 */
public final class HarvardSet {
    /** Voices from each engine, at their default settings. */
    public static final List<Voice> VOICES = List.of(
            new Voice(Engine.ESPEAK_NG, "en-us", 160, 50),
            new Voice(Engine.ESPEAK_NG, "en-gb+m3", 150, 40),
            new Voice(Engine.FLITE, "slt", 0, 0),
            new Voice(Engine.FLITE, "kal16", 0, 0),
            new Voice(Engine.FLITE, "rms", 0, 0),
            new Voice(Engine.FESTIVAL, "kal_diphone", 0, 0),
            new Voice(Engine.FESTIVAL, "cmu_us_slt_arctic_hts", 0, 0));

    private HarvardSet() {}

    public static void write(Path dir, int sentences, PrintStream log) throws IOException {
        Files.createDirectories(dir);
        List<String> all = PromptSources.harvardSentences();
        Path scratch = Files.createTempDirectory("harvard");
        Renderer renderer = new Renderer(scratch, List.of());
        List<String> refs = new ArrayList<>();
        Progress progress = new Progress(log, "sentences", Math.min(sentences, all.size()));
        try {
            for (int i = 0; i < Math.min(sentences, all.size()); i++) {
                Voice v = VOICES.get(i % VOICES.size());
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
