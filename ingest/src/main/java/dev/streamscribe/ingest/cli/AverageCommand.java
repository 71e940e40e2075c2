package dev.streamscribe.ingest.cli;

import dev.streamscribe.acoustic.model.ModelAverage;
import dev.streamscribe.acoustic.model.ModelMeta;

import java.nio.file.Path;
import java.util.List;

/** {@code ./asr average}: one model from the weight average of several fine-tuned from a common ancestor. */
final class AverageCommand implements Command {
    @Override
    public String name() {
        return "average";
    }

    @Override
    public String summary() {
        return "average the weights of models fine-tuned from one model (a model soup)";
    }

    @Override
    public String usage() {
        return "usage: ./asr average --out DIR [options] MODEL_DIR MODEL_DIR...\n"
                + "  --out DIR            where the averaged model (SavedModel + meta.json) goes\n"
                + "  --model-name NAME    name written to its meta.json (default en-conv-lstm-average)\n"
                + "Each MODEL_DIR is an exported model (a train dir's model/, or a shipped one under\n"
                + "acoustic-model/src/main/resources/models/). They must share the network's shape and feature\n"
                + "normaliser, as models trained on from one model do; measure the average with ./asr eval.";
    }

    @Override
    public int run(Options o) throws Exception {
        if (!o.has("out")) throw new UsageException("give --out DIR (usage: ./asr average --out DIR MODEL_DIR MODEL_DIR...)");
        if (o.positional().size() < 2) throw new UsageException("give two model directories or more to average");
        Path out = Path.of(o.get("out", ""));
        ModelMeta meta = ModelAverage.write(o.positional().stream().map(Path::of).toList(),
                o.get("model-name", "en-conv-lstm-average"), out);
        System.out.printf("average: %s, the mean of %s, written to %s%n", meta.name(), meta.training().get("averageOf"), out);
        return 0;
    }
}
