package dev.streamscribe.acoustic.corpus;

import dev.streamscribe.features.audio.Audio;
import dev.streamscribe.features.audio.WavWriter;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Synthesises a training corpus: prompts from Debian's text packages, each rendered once by a voice and an
 * augmentation drawn from a generator seeded by the utterance number. Train and dev are split by sentence. A
 * rerun with the same settings skips what the manifest already lists, so an interrupted run resumes.
 */
public final class CorpusGenerator {

    /**
     * What to generate; {@code sources} are the text sources prompts are drawn from ({@link PromptSources#SOURCES}),
     * {@code coverWords} above 0 picks prompts for the words the corpus has fewer than that many of
     * ({@link WordCoverage}) instead of at random, {@code voices} are the synthesisers' voices utterances are drawn
     * from, engines by their shares. With
     * {@code devOnly} just the dev utterances of that corpus are rendered, identical to the full corpus's, so that
     * decoding can be tuned and a model evaluated on a new machine without rendering hours of training audio.
     */
    public record Settings(Path dir, int utterances, double devFraction, long seed, int threads, int minWords,
                           int maxWords, List<String> sources, int coverWords, VoicePool voices, boolean devOnly) {
        public static Settings defaults(Path dir) {
            return new Settings(dir, 12000, 0.03, 20261123L, Runtime.getRuntime().availableProcessors(), 3, 18,
                    PromptSources.DEFAULT_SOURCES, 0, VoicePool.of(EnumSet.range(Engine.ESPEAK_NG, Engine.PICO)), false);
        }
    }

    private final Settings settings;
    private final PrintStream log;

    public CorpusGenerator(Settings settings, PrintStream log) {
        this.settings = settings;
        this.log = log;
    }

    public Path manifestPath() {
        return settings.dir().resolve("manifest.jsonl");
    }

    public void run() throws IOException, InterruptedException {
        Engine.requireInstalled(settings.voices().engines());
        Path dir = settings.dir();
        Files.createDirectories(dir.resolve("wav"));
        Path scratch = Files.createDirectories(dir.resolve("tmp"));
        List<PromptSources.Prompt> prompts = new ArrayList<>(new PromptSources(settings.minWords(), settings.maxWords(),
                settings.sources()).all());
        Collections.shuffle(prompts, new Random(settings.seed()));
        int n = Math.min(settings.utterances(), prompts.size());
        if (settings.coverWords() > 0) prompts = WordCoverage.coveringFirst(prompts, n, settings.coverWords());
        List<Integer> wanted = toRender(prompts.subList(0, n), settings.devFraction(), settings.devOnly());
        log.printf("corpus: %d prompts available from %s, rendering %d%s into %s with %s%n", prompts.size(),
                String.join(",", settings.sources()), wanted.size(), settings.devOnly() ? " dev utterances of " + n : "",
                dir, settings.voices().label());

        Set<String> done = new HashSet<>();
        for (ManifestEntry e : Manifest.read(manifestPath())) done.add(e.id());
        Renderer renderer = new Renderer(scratch, babbleBank(scratch, prompts.subList(n, Math.min(prompts.size(), n + 24))));
        Progress progress = new Progress(log, "utterances", wanted.size(), done.size());
        AtomicLong finished = new AtomicLong(done.size());
        AtomicLong audioMs = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(settings.threads());
        List<Future<?>> jobs = new ArrayList<>();
        try (Manifest.Appender manifest = new Manifest.Appender(manifestPath())) {
            for (int i : wanted) {
                String id = String.format("utt%06d", i);
                if (done.contains(id)) continue;
                PromptSources.Prompt prompt = prompts.get(i);
                long seed = utteranceSeed(settings.seed(), i);
                jobs.add(pool.submit(() -> {
                    Random r = seeded(seed);
                    Voice voice = settings.voices().pick(r);
                    Augmentation aug = Augmentation.pick(r);
                    Audio audio = renderer.render(prompt.text(), voice, aug, seed);
                    String rel = "wav/" + id + ".wav";
                    WavWriter.write(audio, dir.resolve(rel));
                    manifest.append(ManifestEntry.synthesised(id, rel, prompt.text(), voice.label(), aug.label(),
                            audio.durationMs(), PromptSources.split(prompt.text(), settings.devFraction()), prompt.source()));
                    audioMs.addAndGet(audio.durationMs());
                    progress.update(finished.incrementAndGet(),
                            String.format(Locale.ROOT, "%.2f h new audio", audioMs.get() / 3.6e6));
                    return null;
                }));
            }
            for (Future<?> f : jobs) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    // one bad prompt must not stop a run of hours: report it and go on
                    log.println("corpus: skipped an utterance: " + e.getCause().getMessage());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        log.printf("corpus: done, manifest %s%n", manifestPath());
    }

    /** The utterance numbers to render of the corpus of these prompts: all of them, or only the dev ones. */
    static List<Integer> toRender(List<PromptSources.Prompt> prompts, double devFraction, boolean devOnly) {
        List<Integer> numbers = new ArrayList<>();
        for (int i = 0; i < prompts.size(); i++) {
            if (!devOnly || PromptSources.split(prompts.get(i).text(), devFraction).equals(ManifestEntry.DEV)) numbers.add(i);
        }
        return numbers;
    }

    /** What fixes utterance {@code i}'s voice, augmentation and noise. */
    static long utteranceSeed(long corpusSeed, int i) {
        return corpusSeed * 1_000_003L + i;
    }

    /** java.util.Random gives correlated first draws for consecutive seeds; SplittableRandom mixes them. */
    static Random seeded(long seed) {
        return new Random(new SplittableRandom(seed).nextLong());
    }

    /** Clean utterances of prompts outside the corpus, as material for babble noise. */
    private List<float[]> babbleBank(Path scratch, List<PromptSources.Prompt> prompts) throws IOException {
        Renderer clean = new Renderer(scratch, List.of());
        List<float[]> bank = new ArrayList<>();
        Random r = new Random(settings.seed());
        for (PromptSources.Prompt p : prompts) {
            Voice voice = settings.voices().pick(r);
            bank.add(clean.render(p.text(), voice, Augmentation.NONE, r.nextLong()).samples());
        }
        return bank;
    }
}
