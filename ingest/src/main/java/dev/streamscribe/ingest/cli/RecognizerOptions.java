package dev.streamscribe.ingest.cli;

import dev.streamscribe.acoustic.model.AcousticModel;
import dev.streamscribe.decoder.DecoderConfig;
import dev.streamscribe.ingest.recognizer.RecognizerConfig;

/** The recogniser settings every command that transcribes shares: --model, --lm, --beam, --lm-weight, ... */
final class RecognizerOptions {
    static final String HELP = """
              --model default|NAME|DIR   acoustic model: a bundled one by name (%s) or a directory
                                   (SavedModel + meta.json); default: %s
              --lm none|default|PATH   word language model (ARPA, .gz ok); default: the shipped one
              --beam N             beam width, 1 = greedy (default %d)
              --lm-weight X        language model weight (default %.2f)
              --word-bonus X       word insertion bonus (default %.2f)
              --oov-penalty X      cost of spelling a word the LM does not know (default %.2f)
              --threads N          TensorFlow intra-op threads per session call (default 1)
              --max-batch N        streams whose model steps may share one session call (default %d; 1 = none)
            """.formatted(String.join(", ", AcousticModel.BUNDLED), AcousticModel.BUNDLED.get(0),
            DecoderConfig.DEFAULT.beamWidth(), DecoderConfig.DEFAULT.lmWeight(), DecoderConfig.DEFAULT.wordBonus(),
            DecoderConfig.DEFAULT.oovPenalty(), RecognizerConfig.DEFAULT_MAX_BATCH)
            .stripTrailing();

    private RecognizerOptions() {}

    static RecognizerConfig from(Options o) {
        RecognizerConfig d = RecognizerConfig.defaults();
        DecoderConfig dec = d.decoder()
                .withBeamWidth(o.getInt("beam", d.decoder().beamWidth()))
                .withLmWeight(o.getDouble("lm-weight", d.decoder().lmWeight()))
                .withWordBonus(o.getDouble("word-bonus", d.decoder().wordBonus()))
                .withOovPenalty(o.getDouble("oov-penalty", d.decoder().oovPenalty()));
        return d.withModel(o.get("model", d.model())).withLm(o.get("lm", d.lm())).withDecoder(dec)
                .withThreads(o.getInt("threads", d.threads())).withMaxBatch(o.getInt("max-batch", d.maxBatch()));
    }
}
