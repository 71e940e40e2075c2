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
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TUint8;
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

    private ModelExporter() {}

    public static void export(Weights weights, ModelMeta meta, Path dir) throws IOException {
        ModelConfig c = meta.model();
        Files.createDirectories(dir);
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            Map<String, Operand<TFloat32>> constants = new HashMap<>();
            // The parameters are the graph's first constants, in parameter order, each as three: 8-bit steps, scale,
            // offset (weights(dir) relies on it). A quarter of float32 is what a clone downloads and the repository
            // keeps for each model; the graph turns them back into float32 (constant folding does it once, at load).
            for (Weights.Parameter p : weights.parameters()) {
                Quantised q = Quantised.of(p.values());
                try (TUint8 steps = TUint8.tensorOf(Shape.of(p.shape()), DataBuffers.of(q.steps(), true, false))) {
                    Operand<TFloat32> stored = tf.dtypes.cast(tf.constantOf(steps), TFloat32.class);
                    Operand<TFloat32> scale = tf.constant(q.scale());
                    Operand<TFloat32> offset = tf.constant(q.offset());
                    constants.put(p.name(), tf.math.add(tf.math.mul(stored, scale), offset));
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
            int next = 0;
            for (Map.Entry<String, long[]> e : Weights.shapes(model).entrySet()) {
                int at = next++;
                try (Result r = constant(b, dir, at, e.getKey())) {
                    TNumber t = (TNumber) r.get(0);
                    if (!Arrays.equals(t.shape().asArray(), e.getValue())) {
                        throw new IOException(dir + ": constant " + opName(at) + " has shape " + t.shape() + ", but " + e.getKey()
                                + " of " + model + " is " + Arrays.toString(e.getValue()));
                    }
                    float[] v = new float[(int) t.size()];
                    if (t instanceof TUint8 q) {
                        byte[] steps = new byte[v.length];
                        q.copyTo(DataBuffers.of(steps, false, false));
                        try (Result scale = constant(b, dir, next++, e.getKey() + "'s scale");
                             Result offset = constant(b, dir, next++, e.getKey() + "'s offset")) {
                            new Quantised(steps, ((TFloat32) scale.get(0)).getFloat(), ((TFloat32) offset.get(0)).getFloat()).copyTo(v);
                        }
                    } else {
                        ((FloatNdArray) t).copyTo(DataBuffers.of(v, false, false)); // v1-v8 exports: float32 or float16
                    }
                    parameters.add(new Weights.Parameter(e.getKey(), e.getValue(), v));
                }
            }
        }
        return new Weights(parameters);
    }

    private static Result constant(SavedModelBundle b, Path dir, int index, String what) throws IOException {
        String op = opName(index);
        if (b.graph().operation(op) == null) throw new IOException(dir + ": no constant " + op + " for " + what);
        return b.session().runner().fetch(op).run();
    }

    private static String opName(int constantIndex) {
        return constantIndex == 0 ? "Const" : "Const_" + constantIndex;
    }
}
