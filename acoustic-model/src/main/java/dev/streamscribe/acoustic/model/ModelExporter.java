package dev.streamscribe.acoustic.model;

import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat16;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TNumber;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the {@code stream_step} SavedModel (weights frozen as constants) and its meta.json, and reads the weights
 * back out of one, so that an exported model (the shipped one included) can be trained on.
 */
public final class ModelExporter {
    public static final String SIGNATURE = "stream_step";
    private static final float HALF_MAX = 65504f;

    private ModelExporter() {}

    public static void export(Weights weights, ModelMeta meta, Path dir) throws IOException {
        ModelConfig c = meta.model();
        Files.createDirectories(dir);
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            Map<String, Operand<TFloat32>> constants = new HashMap<>();
            // The parameters are the graph's first constants, in parameter order: weights(dir) relies on it. They are
            // stored in half precision, which halves what a clone downloads and the repository keeps for each model,
            // and cast back to float32 in the graph (constant folding can do it once; v5 runs at v4's speed).
            for (Weights.Parameter p : weights.parameters()) {
                for (float v : p.values()) {
                    if (!(Math.abs(v) <= HALF_MAX)) throw new IllegalArgumentException(p.name() + " holds " + v + ", beyond half precision");
                }
                try (TFloat16 half = TFloat16.tensorOf(Shape.of(p.shape()), DataBuffers.of(p.values(), true, false))) {
                    constants.put(p.name(), tf.dtypes.cast(tf.constantOf(half), TFloat32.class));
                }
            }
            Placeholder<TFloat32> features = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1, c.melBands())));
            Placeholder<TFloat32> conv = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, c.stride(), c.melBands())));
            Placeholder<TFloat32> h = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(c.lstmLayers(), -1, c.lstmUnits())));
            Placeholder<TFloat32> cs = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(c.lstmLayers(), -1, c.lstmUnits())));
            ConvLstmGraph.Step step = ConvLstmGraph.build(tf, c, constants::get, features, conv, h, cs);
            Operand<TFloat32> logProbs = tf.linalg.transpose(tf.nn.logSoftmax(step.logits()), tf.constant(new int[] {1, 0, 2}));
            Signature sig = Signature.builder(SIGNATURE)
                    .input("features", features).input("conv_state", conv).input("lstm_h", h).input("lstm_c", cs)
                    .output("log_probs", logProbs).output("conv_state", step.convState())
                    .output("lstm_h", step.lstmH()).output("lstm_c", step.lstmC()).build();
            try (Session s = new Session(g)) {
                SavedModelBundle.exporter(dir.toString()).withFunction(SessionFunction.create(sig, s)).export();
            }
        }
        meta.write(dir.resolve("meta.json"));
    }

    /** The parameters of a model directory written by {@link #export} for a network of shape {@code model} (its meta.json's). */
    public static Weights weights(Path dir, ModelConfig model) throws IOException {
        List<Weights.Parameter> parameters = new ArrayList<>();
        try (SavedModelBundle b = SavedModelBundle.load(dir.toString(), "serve")) {
            int i = 0;
            for (Map.Entry<String, long[]> e : Weights.shapes(model).entrySet()) {
                String op = i == 0 ? "Const" : "Const_" + i;
                i++;
                if (b.graph().operation(op) == null) throw new IOException(dir + ": no constant " + op + " for " + e.getKey());
                try (Result r = b.session().runner().fetch(op).run()) {
                    TNumber t = (TNumber) r.get(0);
                    if (!Arrays.equals(t.shape().asArray(), e.getValue())) {
                        throw new IOException(dir + ": constant " + op + " has shape " + t.shape() + ", but " + e.getKey()
                                + " of " + model + " is " + Arrays.toString(e.getValue()));
                    }
                    float[] v = new float[(int) t.size()];
                    ((FloatNdArray) t).copyTo(DataBuffers.of(v, false, false)); // float16 or, from older exports, float32
                    parameters.add(new Weights.Parameter(e.getKey(), e.getValue(), v));
                }
            }
        }
        return new Weights(parameters);
    }
}
