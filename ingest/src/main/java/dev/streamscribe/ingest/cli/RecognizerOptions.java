package dev.streamscribe.ingest.cli;

import dev.streamscribe.decoder.DecoderConfig;
import dev.streamscribe.ingest.recognizer.RecognizerConfig;

import java.nio.file.Path;

/** The recogniser settings every command that transcribes shares: --model, --lm, --beam, --lm-weight, ... */
final class RecognizerOptions {
    static final String HELP = """
              --model DIR          acoustic model directory (SavedModel + meta.json); default: the shipped model
              --lm none|default|PATH   word language model (ARPA, .gz ok); default: the shipped one
              --beam N             beam width, 1 = greedy (default %d)
              --lm-weight X        language model weight (default %.2f)
              --word-bonus X       word insertion bonus (default %.2f)
              --oov-penalty X      cost of spelling a word the LM does not know (default %.2f)
              --threads N          TensorFlow intra-op threads per session call (default 1)
              --max-batch N        streams whose model steps may share one session call (default %d; 1 = none)
            """.formatted(DecoderConfig.DEFAULT.beamWidth(), DecoderConfig.DEFAULT.lmWeight(),
            DecoderConfig.DEFAULT.wordBonus(), DecoderConfig.DEFAULT.oovPenalty(), RecognizerConfig.DEFAULT_MAX_BATCH)
            .stripTrailing();

    private RecognizerOptions() {}

    static RecognizerConfig from(Options o) {
        RecognizerConfig d = RecognizerConfig.defaults();
        DecoderConfig dec = d.decoder()
                .withBeamWidth(o.getInt("beam", d.decoder().beamWidth()))
                .withLmWeight(o.getDouble("lm-weight", d.decoder().lmWeight()))
                .withWordBonus(o.getDouble("word-bonus", d.decoder().wordBonus()))
                .withOovPenalty(o.getDouble("oov-penalty", d.decoder().oovPenalty()));
        String model = o.get("model", null);
        return d.withModelDir(model == null ? null : Path.of(model)).withLm(o.get("lm", d.lm())).withDecoder(dec)
                .withThreads(o.getInt("threads", d.threads())).withMaxBatch(o.getInt("max-batch", d.maxBatch()));
    }
}
