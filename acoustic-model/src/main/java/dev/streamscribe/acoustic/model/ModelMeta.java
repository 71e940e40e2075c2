package dev.streamscribe.acoustic.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.streamscribe.features.frames.FeatureConfig;
import dev.streamscribe.features.frames.Normalizer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The model's {@code meta.json} (ARCHITECTURE.md §5): everything a user of the SavedModel needs besides the graph —
 * feature settings and normalisation, alphabet, time stride, state shapes, and how it was trained.
 */
public record ModelMeta(String name, FeatureConfig features, String alphabet, int blank, ModelConfig model,
                        double frameMs, Map<String, int[]> stateShapes, float[] featureMean, float[] featureStd,
                        Map<String, Object> training, Map<String, Object> metrics) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public static ModelMeta of(String name, FeatureConfig f, ModelConfig m, Normalizer n, Map<String, Object> training,
                               Map<String, Object> metrics) {
        return new ModelMeta(name, f, Alphabet.SYMBOLS, Alphabet.BLANK, m, f.hopMs() * m.stride(),
                Map.of("conv_state", new int[] {m.stride(), m.melBands()},
                        "lstm_h", new int[] {m.lstmLayers(), m.lstmUnits()},
                        "lstm_c", new int[] {m.lstmLayers(), m.lstmUnits()}),
                n.mean(), n.std(), training, metrics);
    }

    public Normalizer normalizer() {
        return new Normalizer(featureMean, featureStd);
    }

    public void write(Path file) throws IOException {
        JSON.writeValue(file.toFile(), this);
    }

    public static ModelMeta read(Path file) throws IOException {
        ModelMeta m = JSON.readValue(file.toFile(), ModelMeta.class);
        if (!Alphabet.SYMBOLS.equals(m.alphabet()) || m.blank() != Alphabet.BLANK) {
            throw new IOException(file + ": alphabet '" + m.alphabet() + "' / blank " + m.blank()
                    + " is not the one this build decodes");
        }
        return m;
    }
}
