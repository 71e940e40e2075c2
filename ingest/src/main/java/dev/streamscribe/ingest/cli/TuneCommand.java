package dev.streamscribe.ingest.cli;

import dev.streamscribe.acoustic.training.ErrorRate;
import dev.streamscribe.decoder.DecoderConfig;
import dev.streamscribe.features.audio.WavReader;
import dev.streamscribe.ingest.recognizer.FileTranscriber;
import dev.streamscribe.ingest.recognizer.Recognizer;
import dev.streamscribe.ingest.recognizer.RecognizerConfig;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code ./asr tune DIR}: the LM weight, word bonus and OOV penalty that give the lowest WER on a folder with refs.tsv (the dev
 * split, never the evaluation set). The model runs once per file; only the decoder runs per setting.
 */
final class TuneCommand implements Command {
    @Override
    public String name() {
        return "tune";
    }

    @Override
    public String summary() {
        return "grid-search the LM weight, word bonus and OOV penalty on a dev folder with refs.tsv";
    }

    @Override
    public String usage() {
        return """
                usage: ./asr tune [options] DIR
                  DIR holds WAV files and refs.tsv, as for eval, or is a corpus manifest.jsonl (its dev split);
                  tune on dev data, never on the evaluation set
                  --dev-limit N          with a manifest: how many of its dev utterances (default %d)
                  --lm-weights X,Y,...   LM weights to try (default 0.2,0.35,0.5,0.75,1.0)
                  --word-bonuses X,Y,... word bonuses to try (default 0,0.5,1,1.5,2,3)
                  --oov-penalties X,Y,...  OOV penalties to try (default 0,5,10)
                """.formatted(Refs.DEV_LIMIT) + RecognizerOptions.HELP;
    }

    @Override
    public int run(Options o) throws Exception {
        if (o.positional().size() != 1) throw new UsageException("give one folder (usage: ./asr tune DIR)");
        Refs refs = Refs.read(Path.of(o.positional().get(0)), o.getInt("dev-limit", Refs.DEV_LIMIT));
        double[] weights = list(o.get("lm-weights", "0.2,0.35,0.5,0.75,1.0"));
        double[] bonuses = list(o.get("word-bonuses", "0,0.5,1,1.5,2,3"));
        double[] penalties = list(o.get("oov-penalties", "0,5,10"));
        RecognizerConfig config = RecognizerOptions.from(o);
        if (config.lm().equals(RecognizerConfig.LM_NONE)) throw new UsageException("tuning needs a language model (--lm)");
        try (Recognizer recognizer = Recognizer.create(config)) {
            List<float[][]> logProbs = new ArrayList<>();
            for (Refs.Ref ref : refs.refs()) logProbs.add(recognizer.logProbs(WavReader.read(refs.path(ref))));
            System.out.printf(Locale.ROOT, "tune: model run on %d files; decoding with beam %d%n", refs.refs().size(),
                    config.decoder().beamWidth());
            DecoderConfig best = null;
            double bestWer = Double.MAX_VALUE;
            for (double p : penalties) {
                for (double w : weights) {
                    for (double b : bonuses) {
                        DecoderConfig d = config.decoder().withLmWeight(w).withWordBonus(b).withOovPenalty(p);
                        ErrorRate er = new ErrorRate();
                        for (int i = 0; i < logProbs.size(); i++) {
                            er.add(refs.refs().get(i).text(), FileTranscriber.textOf(recognizer.decode(logProbs.get(i), d)));
                        }
                        System.out.printf(Locale.ROOT, "%s: WER %.2f%% CER %.2f%%%n", flags(d), 100 * er.wer(), 100 * er.cer());
                        if (er.wer() < bestWer) {
                            bestWer = er.wer();
                            best = d;
                        }
                    }
                }
            }
            System.out.printf(Locale.ROOT, "best: %s (WER %.2f%%)%n", flags(best), 100 * bestWer);
        }
        return 0;
    }

    private static String flags(DecoderConfig d) {
        return String.format(Locale.ROOT, "--lm-weight %.2f --word-bonus %.2f --oov-penalty %.1f", d.lmWeight(),
                d.wordBonus(), d.oovPenalty());
    }

    private static double[] list(String csv) {
        try {
            return Arrays.stream(csv.split(",")).map(String::trim).mapToDouble(Double::parseDouble).toArray();
        } catch (NumberFormatException e) {
            throw new UsageException("not a list of numbers: " + csv);
        }
    }
}
