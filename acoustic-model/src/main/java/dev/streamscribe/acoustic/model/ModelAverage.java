package dev.streamscribe.acoustic.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The uniform weight average of exported models that one model was fine-tuned into (a "model soup", as ESPnet and
 * NeMo average their last checkpoints). Runs that each end a little off their ancestor in different directions
 * average to a point nearer the middle of the basin, often better than any of them; models trained apart from
 * different starts do not, so the average only takes models of one shape and one feature normaliser.
 */
public final class ModelAverage {
    private ModelAverage() {}

    /** Averages the models in {@code dirs} and exports the result to {@code out} under {@code name}. */
    public static ModelMeta write(List<Path> dirs, String name, Path out) throws IOException {
        if (dirs.size() < 2) throw new IOException("averaging needs two models or more, got " + dirs.size());
        ModelMeta first = ModelMeta.read(dirs.get(0).resolve("meta.json"));
        List<Weights> weights = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Path dir : dirs) {
            ModelMeta m = ModelMeta.read(dir.resolve("meta.json"));
            requireSame(dirs.get(0), first, dir, m);
            weights.add(ModelExporter.weights(dir, m.model()));
            names.add(m.name());
        }
        Map<String, Object> training = new LinkedHashMap<>(first.training() == null ? Map.of() : first.training());
        training.put("averageOf", names);
        ModelMeta meta = new ModelMeta(name, first.features(), first.alphabet(), first.blank(), first.model(),
                first.frameMs(), first.stateShapes(), first.featureMean(), first.featureStd(), training, Map.of());
        ModelExporter.export(mean(weights), meta, out);
        return meta;
    }

    static Weights mean(List<Weights> all) {
        List<Weights.Parameter> mean = new ArrayList<>();
        for (Weights.Parameter p : all.get(0).parameters()) {
            double[] sum = new double[p.values().length];
            for (Weights w : all) {
                float[] v = w.get(p.name()).values();
                for (int i = 0; i < sum.length; i++) sum[i] += v[i];
            }
            float[] v = new float[sum.length];
            for (int i = 0; i < v.length; i++) v[i] = (float) (sum[i] / all.size());
            mean.add(p.withValues(v));
        }
        return new Weights(mean);
    }

    private static void requireSame(Path firstDir, ModelMeta first, Path dir, ModelMeta m) throws IOException {
        String why = !m.model().equals(first.model()) ? "network " + m.model() + " against " + first.model()
                : !m.features().equals(first.features()) ? "feature settings differ"
                : !Arrays.equals(m.featureMean(), first.featureMean()) || !Arrays.equals(m.featureStd(), first.featureStd())
                        ? "feature normalisers differ (trained apart, not fine-tuned from one model)" : null;
        if (why != null) throw new IOException("cannot average " + dir + " with " + firstDir + ": " + why);
    }
}
