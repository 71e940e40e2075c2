package dev.streamscribe.decoder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Hand-built frames of log-posteriors; in label strings '_' is the blank, other characters are themselves. */
final class Frames {
    /** What labels not named in a frame share at least, so that none is impossible. */
    private static final double MIN_REST = 1e-6;

    private final List<float[]> frames = new ArrayList<>();

    /** One frame where {@code labels.charAt(i)} has probability {@code probs[i]}. */
    Frames frame(String labels, double... probs) {
        double rest = Math.max(1 - Arrays.stream(probs).sum(), MIN_REST);
        double[] p = new double[Labels.COUNT];
        Arrays.fill(p, rest / (Labels.COUNT - labels.length()));
        for (int i = 0; i < labels.length(); i++) p[label(labels.charAt(i))] = probs[i];
        double sum = Arrays.stream(p).sum();
        float[] logProbs = new float[Labels.COUNT];
        for (int i = 0; i < Labels.COUNT; i++) logProbs[i] = (float) Math.log(p[i] / sum);
        frames.add(logProbs);
        return this;
    }

    /** One frame per character, each that character with probability {@code prob}. */
    Frames spell(String labels, double prob) {
        for (char c : labels.toCharArray()) frame(String.valueOf(c), prob);
        return this;
    }

    Frames silence(int count) {
        return spell("_".repeat(count), 0.95);
    }

    float[][] build() {
        return frames.toArray(new float[0][]);
    }

    static int label(char c) {
        return c == '_' ? Labels.BLANK : Labels.ALPHABET.indexOf(c);
    }
}
