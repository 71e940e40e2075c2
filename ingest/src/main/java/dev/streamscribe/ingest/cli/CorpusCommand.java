package dev.streamscribe.ingest.cli;

import dev.streamscribe.acoustic.corpus.CorpusGenerator;
import dev.streamscribe.acoustic.corpus.Engine;
import dev.streamscribe.acoustic.corpus.HarvardSet;
import dev.streamscribe.acoustic.corpus.PocketsphinxTestSet;
import dev.streamscribe.acoustic.corpus.PromptSources;
import dev.streamscribe.acoustic.corpus.VoicePool;
import dev.streamscribe.acoustic.corpus.recorded.QueenImporter;
import dev.streamscribe.acoustic.corpus.recorded.UqmImporter;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code ./asr corpus}: synthesises the training corpus with Debian's speech synthesisers (resumable), or with
 * {@code --harvard DIR} the evaluation folder of Harvard sentences, which are never trained on.
 */
final class CorpusCommand implements Command {
    @Override
    public String name() {
        return "corpus";
    }

    @Override
    public String summary() {
        return "synthesise a training corpus (espeak-ng, flite, festival, mbrola, pico + augmentation)";
    }

    @Override
    public String usage() {
        CorpusGenerator.Settings d = CorpusGenerator.Settings.defaults(Path.of("data/corpus"));
        return "usage: ./asr corpus [options]          synthesise speech\n"
                + "       ./asr corpus import SOURCE [options]  import recorded speech, SOURCE one of\n"
                + "         uqm            The Ur-Quan Masters' voice actors (Debian's uqm-voice, uqm-content;\n"
                + "                        non-free, " + UqmImporter.LICENCE + ")\n"
                + "         fotaq          Flight of the Amazon Queen's conversations (Debian's\n"
                + "                        flight-of-the-amazon-queen; freeware, redistributable)\n"
                + "  --corpus-dir DIR     where the WAVs and manifest.jsonl go (default data/corpus; data/SOURCE for import)\n"
                + "  --utterances N       how many utterances (default " + d.utterances() + ")\n"
                + "  --dev-fraction X     share of sentences held out as dev (default " + d.devFraction() + ")\n"
                + "  --seed N             seed of prompt order, voices and augmentation (default " + d.seed() + ")\n"
                + "  --threads N          parallel renderers (default: all cores)\n"
                + "  --sources LIST       text sources of the prompts, of " + String.join(", ", PromptSources.SOURCES) + "\n"
                + "                       (default " + String.join(",", d.sources()) + ")\n"
                + "  --cover-words K      pick prompts for the words the corpus has fewer than K of, not at random\n"
                + "                       (default " + d.coverWords() + ": at random)\n"
                + "  --engines LIST       synthesisers to draw voices from, by their shares, each alone (all its voices)\n"
                + "                       or as ENGINE:VOICE to draw only those, e.g. espeak-ng,flite:slt,flite:kal16\n"
                + "                       (default " + d.voices().label() + ";\n"
                + "                       mbrola, pico and rhvoice need Debian's contrib and non-free sections;\n"
                + "                       rhvoice is drawn only when named)\n"
                + "  --dev-only           render just the dev utterances of that corpus (the same audio as in the\n"
                + "                       full corpus): enough to tune decoding or evaluate a model\n"
                + "  --harvard DIR        instead, write the evaluation folder: Harvard sentences (r-cran-stringr) by\n"
                + "                       the engines' voices in turn (default "
                + HarvardSet.DEFAULT_VOICES.label() + ": " + HarvardSet.voices(HarvardSet.DEFAULT_VOICES).size()
                + " voices),\n"
                + "                       with refs.tsv for ./asr eval\n"
                + "  --sentences N        with --harvard: how many (default 280)\n"
                + "  --real-test DIR      instead, write the real-speech evaluation folder: the 12 recordings of Debian's\n"
                + "                       pocketsphinx-testdata (never trained on), with refs.tsv for ./asr eval\n"
                + "  --dev-speakers LIST  with import: the speakers held out as dev (default uqm "
                + String.join(",", new TreeSet<>(UqmImporter.DEV_SPEAKERS)) + ", fotaq "
                + String.join(",", new TreeSet<>(QueenImporter.DEV_SPEAKERS)) + ")\n"
                + "Rerunning with the same settings resumes where it stopped; an import starts afresh (minutes).";
    }

    @Override
    public int run(Options o) throws Exception {
        if (!o.positional().isEmpty()) return importRecorded(o);
        if (o.has("real-test")) {
            PocketsphinxTestSet.write(PocketsphinxTestSet.DATA, Path.of(o.get("real-test", null)), System.out);
            return 0;
        }
        boolean harvard = o.has("harvard");
        CorpusGenerator.Settings d = CorpusGenerator.Settings.defaults(Path.of(o.get("corpus-dir", "data/corpus")));
        VoicePool voices = voices(o, harvard ? HarvardSet.DEFAULT_VOICES : d.voices());
        if (harvard) {
            HarvardSet.write(Path.of(o.get("harvard", null)), o.getInt("sentences", 280), voices, System.out);
            return 0;
        }
        CorpusGenerator.Settings s = new CorpusGenerator.Settings(d.dir(), o.getInt("utterances", d.utterances()),
                o.getDouble("dev-fraction", d.devFraction()), Long.parseLong(o.get("seed", Long.toString(d.seed()))),
                o.getInt("threads", d.threads()), d.minWords(), d.maxWords(), sources(o, d.sources()),
                coverWords(o, d.coverWords()), voices, o.flag("dev-only"));
        new CorpusGenerator(s, System.out).run();
        return 0;
    }

    private static int importRecorded(Options o) throws Exception {
        List<String> args = o.positional();
        String source = args.size() == 2 && args.get(0).equals("import") ? args.get(1) : "";
        int threads = o.getInt("threads", Runtime.getRuntime().availableProcessors());
        int kept = switch (source) {
            case UqmImporter.SOURCE -> {
                UqmImporter.Settings d = UqmImporter.Settings.defaults(Path.of(o.get("corpus-dir", "data/uqm")));
                yield new UqmImporter(new UqmImporter.Settings(d.voicePack(), d.contentPack(), d.dir(),
                        devSpeakers(o, d.devSpeakers()), threads), System.out).run();
            }
            case QueenImporter.SOURCE -> {
                QueenImporter.Settings d = QueenImporter.Settings.defaults(Path.of(o.get("corpus-dir", "data/fotaq")));
                yield new QueenImporter(new QueenImporter.Settings(d.gameData(), d.dir(), devSpeakers(o, d.devSpeakers()),
                        threads), System.out).run();
            }
            default -> throw new UsageException("unknown arguments " + String.join(" ", args)
                    + " (usage: ./asr corpus import uqm|fotaq)");
        };
        if (kept == 0) throw new UsageException("nothing imported");
        return 0;
    }

    private static Set<String> devSpeakers(Options o, Set<String> defaults) {
        return Set.copyOf(List.of(o.get("dev-speakers", String.join(",", new TreeSet<>(defaults))).split(",")));
    }

    private static int coverWords(Options o, int defaultK) {
        int k = o.getInt("cover-words", defaultK);
        if (k < 0) throw new UsageException("--cover-words: " + k + " is negative; 0 picks prompts at random");
        return k;
    }

    private static List<String> sources(Options o, List<String> defaults) {
        List<String> sources;
        try {
            sources = PromptSources.parse(o.get("sources", String.join(",", defaults)));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--sources: " + e.getMessage());
        }
        if (sources.isEmpty()) throw new UsageException("--sources: no text source named");
        return sources;
    }

    private static VoicePool voices(Options o, VoicePool defaults) {
        try {
            VoicePool voices = VoicePool.parse(o.get("engines", defaults.label()));
            Engine.requireInstalled(voices.engines());
            return voices;
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
