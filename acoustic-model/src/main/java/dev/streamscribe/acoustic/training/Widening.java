package dev.streamscribe.acoustic.training;

import dev.streamscribe.acoustic.model.ModelConfig;
import dev.streamscribe.acoustic.model.Weights;

import java.util.ArrayList;
import java.util.List;

/**
 * A wider network started from a trained one without changing what it computes (as in Net2Net): every trained
 * weight keeps its meaning; a new unit gets random input weights but zero weights out of it, so it changes nothing
 * until training finds a use for it. Matrices are stored inputs × outputs, so "out of a new unit" is a new row.
 * The trained model's knowledge is kept while the capacity it lacked (it underfits its corpus) is added.
 */
final class Widening {
    /** The wider weights, and for each parameter where each of the narrower one's values went. */
    record Result(Weights weights, List<int[]> positions) {}

    private Widening() {}

    /** The shape of a network these weights belong to, given the fixed parts (bands, stride, classes) of {@code like}. */
    static ModelConfig shapeOf(Weights w, ModelConfig like) {
        int layers = (int) w.parameters().stream().filter(p -> p.name().matches("lstm\\d+/b")).count();
        return new ModelConfig(like.melBands(), like.stride(), w.get("conv/b").values().length, layers,
                w.get("lstm0/b").values().length / 4, like.classes());
    }

    static Result widen(Weights w, ModelConfig from, ModelConfig to, long seed) {
        if (!w.fit(from)) throw new IllegalArgumentException("the weights are not those of " + from);
        if (from.melBands() != to.melBands() || from.stride() != to.stride() || from.classes() != to.classes()
                || from.lstmLayers() != to.lstmLayers()) {
            throw new IllegalArgumentException("only channels and units can grow: " + from + " -> " + to);
        }
        if (to.convChannels() < from.convChannels() || to.lstmUnits() < from.lstmUnits()) {
            throw new IllegalArgumentException("a network can only grow: " + from + " -> " + to
                    + "; give the new network at least the channels and units of the one it starts from");
        }
        // A new network's initialisation gives the new units their input weights; the trained units' columns are
        // cleared, so that what feeds them from a new unit is zero, and then refilled with the trained values.
        List<Weights.Parameter> wider = new ArrayList<>();
        List<int[]> positions = new ArrayList<>();
        for (Weights.Parameter fresh : Weights.initial(to, seed).parameters()) {
            float[] old = w.get(fresh.name()).values();
            float[] v = fresh.values();
            boolean matrix = fresh.shape().length == 2;
            int rows = matrix ? (int) fresh.shape()[0] : 1;
            int cols = v.length / rows;
            Axis outputs = outputs(fresh.name(), from, to);
            Axis inputs = matrix ? inputs(fresh.name(), from, to) : Axis.SAME_ONE;
            for (int c = 0; c < outputs.oldSize; c++) {
                for (int row = 0; row < rows; row++) v[row * cols + outputs.map(c)] = 0;
            }
            int[] where = new int[old.length];
            for (int i = 0; i < where.length; i++) {
                where[i] = inputs.map(i / outputs.oldSize) * cols + outputs.map(i % outputs.oldSize);
                v[where[i]] = old[i];
            }
            wider.add(fresh);
            positions.add(where);
        }
        return new Result(new Weights(wider), positions);
    }

    /**
     * How indices along one axis move: the axis is cut in blocks (the four gates of an LSTM); in each, the first
     * {@code split} indices keep their place and the rest shift past the new units of the first part.
     */
    private record Axis(int oldSize, int oldBlock, int newBlock, int split, int newSplit) {
        static final Axis SAME_ONE = same(1);

        static Axis same(int n) {
            return new Axis(n, n, n, n, n);
        }

        static Axis grown(int from, int to) {
            return new Axis(from, from, to, from, to);
        }

        int map(int i) {
            int block = i / oldBlock;
            int j = i % oldBlock;
            return block * newBlock + (j < split ? j : newSplit + (j - split));
        }
    }

    /** Rows: the units feeding a matrix. An LSTM reads its input, then its own previous output. */
    private static Axis inputs(String name, ModelConfig from, ModelConfig to) {
        if (name.equals("conv/w")) return Axis.same(from.convInputs());
        if (name.equals("out/w")) return Axis.grown(from.lstmUnits(), to.lstmUnits());
        int oldIn = name.equals("lstm0/w") ? from.convChannels() : from.lstmUnits();
        int newIn = name.equals("lstm0/w") ? to.convChannels() : to.lstmUnits();
        return new Axis(oldIn + from.lstmUnits(), oldIn + from.lstmUnits(), newIn + to.lstmUnits(), oldIn, newIn);
    }

    /** Columns (and biases): the units a matrix feeds; an LSTM has four gates of {@code lstmUnits} each. */
    private static Axis outputs(String name, ModelConfig from, ModelConfig to) {
        if (name.startsWith("conv/")) return Axis.grown(from.convChannels(), to.convChannels());
        if (name.startsWith("out/")) return Axis.same(from.classes());
        return new Axis(4 * from.lstmUnits(), from.lstmUnits(), to.lstmUnits(), from.lstmUnits(), to.lstmUnits());
    }
}
