package dev.streamscribe.acoustic.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

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
        List<ModelMeta> metas = new ArrayList<>();
        for (Path dir : dirs) metas.add(ModelMeta.read(dir.resolve("meta.json")));
        ModelMeta first = metas.get(0);
        // every model is checked before any is loaded: loading is the slow part
        for (int i = 1; i < dirs.size(); i++) requireSame(dirs.get(0), first, dirs.get(i), metas.get(i));
        List<Weights> weights = new ArrayList<>();
        for (int i = 0; i < dirs.size(); i++) weights.add(ModelExporter.weights(dirs.get(i), metas.get(i).model()));
        ModelMeta meta = ModelMeta.of(name, first.features(), first.model(), first.normalizer(), training(metas), Map.of());
        ModelExporter.export(mean(weights), meta, out);
        return meta;
    }

    /**
     * What the average was trained on is what its members were: each member's record, the most steps any took (where a
     * fine-tune from the average starts counting), and every licence of their data, which the average carries.
     */
    static Map<String, Object> training(List<ModelMeta> metas) {
        List<Map<String, Object>> members = metas.stream()
                .map(m -> m.training() == null ? Map.<String, Object>of() : m.training()).toList();
        Set<Object> licences = new TreeSet<>();
        long steps = 0;
        for (Map<String, Object> t : members) {
            if (t.get("licences") instanceof List<?> l) licences.addAll(l);
            if (t.get("steps") instanceof Number n) steps = Math.max(steps, n.longValue());
        }
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("averageOf", metas.stream().map(ModelMeta::name).toList());
        training.put("steps", steps);
        training.put("licences", List.copyOf(licences));
        training.put("members", members);
        return training;
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
