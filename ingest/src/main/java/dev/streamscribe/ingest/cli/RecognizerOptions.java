package dev.streamscribe.ingest.cli;

import dev.streamscribe.acoustic.model.AcousticModel;
import dev.streamscribe.decoder.DecoderConfig;
import dev.streamscribe.decoder.HotWords;
import dev.streamscribe.ingest.recognizer.RecognizerConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

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
              --hotwords FILE      words or phrases to boost, one per line, each optionally ending in :BOOST
                                   (default boost %.0f, at most %.0f; at most %d lines); a stream adds its own
                                   with the hotwords header of its first chunk
              --threads N          TensorFlow intra-op threads per session call (default 1)
              --max-batch N        streams whose model steps may share one session call (default %d; 1 = none)
            """.formatted(String.join(", ", AcousticModel.BUNDLED), AcousticModel.BUNDLED.get(0),
            DecoderConfig.DEFAULT.beamWidth(), DecoderConfig.DEFAULT.lmWeight(), DecoderConfig.DEFAULT.wordBonus(),
            DecoderConfig.DEFAULT.oovPenalty(), HotWords.DEFAULT_BOOST, HotWords.MAX_BOOST, HotWords.MAX_ENTRIES,
            RecognizerConfig.DEFAULT_MAX_BATCH)
            .stripTrailing();

    private RecognizerOptions() {}

    /** The words of {@code --hotwords FILE}; none without the flag. */
    static HotWords hotWords(Options o) {
        if (!o.has("hotwords")) return HotWords.NONE;
        Path file = Path.of(o.get("hotwords", null));
        try {
            return HotWords.parse(Files.readString(file), '\n');
        } catch (NoSuchFileException e) {
            throw new UsageException("--hotwords: " + file + ": no such file");
        } catch (IOException e) {
            throw new UsageException("--hotwords: cannot read " + file + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new UsageException("--hotwords " + file + ": " + e.getMessage());
        }
    }

    static RecognizerConfig from(Options o) {
        RecognizerConfig d = RecognizerConfig.defaults();
        DecoderConfig dec = d.decoder()
                .withBeamWidth(o.getInt("beam", d.decoder().beamWidth()))
                .withLmWeight(o.getDouble("lm-weight", d.decoder().lmWeight()))
                .withWordBonus(o.getDouble("word-bonus", d.decoder().wordBonus()))
                .withOovPenalty(o.getDouble("oov-penalty", d.decoder().oovPenalty()))
                .withHotWords(hotWords(o));
        return d.withModel(o.get("model", d.model())).withLm(o.get("lm", d.lm())).withDecoder(dec)
                .withThreads(o.getInt("threads", d.threads())).withMaxBatch(o.getInt("max-batch", d.maxBatch()));
    }
}
