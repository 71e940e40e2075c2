package dev.streamscribe.acoustic.training;

import dev.streamscribe.acoustic.model.ConvLstmGraph;
import dev.streamscribe.acoustic.model.ModelConfig;
import dev.streamscribe.acoustic.model.Weights;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.nn.CtcLoss;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CTC training step as a graph: weights and a padded batch in, per-utterance loss, log-probabilities and the
 * gradient of the mean loss for every weight out. The optimiser lives in Java ({@link Adam}), so the graph
 * holds no variables and a checkpoint is just {@link Weights} plus the optimiser moments.
 */
public final class TrainingGraph implements AutoCloseable {

    /** What one step returns: the mean CTC loss, its gradients and the greedy-decodable log-probs [T', B, C]. */
    public record Result(float meanLoss, float[] losses, List<float[]> gradients, float[][][] logProbs) {}

    private final ModelConfig config;
    private final Graph graph = new Graph();
    private final Session session;
    private final Map<String, Placeholder<TFloat32>> weights = new LinkedHashMap<>();
    private final Placeholder<TFloat32> features;
    private final Placeholder<TInt64> labelIndices;
    private final Placeholder<TInt32> labelValues;
    private final Placeholder<TInt32> outputLengths;
    private final Output<TFloat32> loss;
    private final Operand<TFloat32> logProbs;
    private final Output<?>[] gradients;

    public TrainingGraph(ModelConfig config, int threads) {
        LstmGradient.register();
        this.config = config;
        Ops tf = Ops.create(graph);
        for (Map.Entry<String, long[]> e : Weights.shapes(config).entrySet()) {
            weights.put(e.getKey(), tf.withName(e.getKey().replace('/', '_')).placeholder(TFloat32.class,
                    Placeholder.shape(Shape.of(e.getValue()))));
        }
        features = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1, config.melBands())));
        labelIndices = tf.placeholder(TInt64.class);
        labelValues = tf.placeholder(TInt32.class);
        outputLengths = tf.placeholder(TInt32.class);

        Operand<TInt32> batch = tf.gather(tf.shape(features), tf.constant(0), tf.constant(0));
        Operand<TFloat32> convState = tf.zeros(tf.stack(List.of(batch, tf.constant(config.stride()),
                tf.constant(config.melBands()))), TFloat32.class);
        Operand<TFloat32> lstmState = tf.zeros(tf.stack(List.of(tf.constant(config.lstmLayers()), batch,
                tf.constant(config.lstmUnits()))), TFloat32.class);
        ConvLstmGraph.Step step = ConvLstmGraph.build(tf, config, weights::get, features, convState, lstmState, lstmState);

        CtcLoss<TFloat32> ctc = CtcLoss.create(tf.scope(), step.logits(), labelIndices, labelValues, outputLengths,
                CtcLoss.ignoreLongerOutputsThanInputs(true));
        loss = ctc.loss();
        logProbs = tf.nn.logSoftmax(step.logits());
        // CTCLoss returns d(loss)/d(logits) itself; seeding the backward pass with it (scaled for the mean)
        // avoids needing a registered gradient for CTCLoss.
        Operand<TFloat32> seed = tf.math.div(ctc.gradient(), tf.dtypes.cast(batch, TFloat32.class));
        Output<?>[] params = weights.values().stream().map(Placeholder::output).toArray(Output<?>[]::new);
        gradients = graph.addGradients("backprop", new Output<?>[] {step.logits().asOutput()}, params,
                new Output<?>[] {seed.asOutput()});

        ConfigProto cp = ConfigProto.newBuilder().setIntraOpParallelismThreads(threads)
                .setInterOpParallelismThreads(1).build();
        session = new Session(graph, cp);
    }

    public ModelConfig config() {
        return config;
    }

    /**
     * @param batch      padded features [B][T][melBands], T a multiple of the stride
     * @param labels     label indices per utterance
     * @param frameCount real (unpadded) frame count per utterance
     */
    public Result step(Weights w, float[][][] batch, int[][] labels, int[] frameCount) {
        return run(w, batch, labels, frameCount, true);
    }

    /** Loss and log-probs only: TensorFlow prunes the backward pass when its outputs are not fetched. */
    public Result evaluate(Weights w, float[][][] batch, int[][] labels, int[] frameCount) {
        return run(w, batch, labels, frameCount, false);
    }

    private Result run(Weights w, float[][][] batch, int[][] labels, int[] frameCount, boolean withGradients) {
        int b = batch.length;
        int t = batch[0].length;
        int m = config.melBands();
        float[] flat = new float[b * t * m];
        for (int i = 0; i < b; i++) for (int j = 0; j < t; j++) System.arraycopy(batch[i][j], 0, flat, (i * t + j) * m, m);
        int total = 0;
        for (int[] l : labels) total += l.length;
        long[] idx = new long[total * 2];
        int[] vals = new int[total];
        int k = 0;
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < labels[i].length; j++, k++) {
                idx[2 * k] = i;
                idx[2 * k + 1] = j;
                vals[k] = labels[i][j];
            }
        }
        int[] outLens = new int[b];
        for (int i = 0; i < b; i++) outLens[i] = frameCount[i] / config.stride();

        List<org.tensorflow.Tensor> owned = new ArrayList<>();
        try {
            Session.Runner r = session.runner();
            for (Weights.Parameter p : w.parameters()) {
                TFloat32 tensor = TFloat32.tensorOf(Shape.of(p.shape()), DataBuffers.of(p.values(), true, false));
                owned.add(tensor);
                r.feed(weights.get(p.name()), tensor);
            }
            TFloat32 f = TFloat32.tensorOf(Shape.of(b, t, m), DataBuffers.of(flat, true, false));
            TInt64 li = TInt64.tensorOf(Shape.of(total, 2), DataBuffers.of(idx, true, false));
            TInt32 lv = TInt32.tensorOf(Shape.of(total), DataBuffers.of(vals, true, false));
            TInt32 ol = TInt32.vectorOf(outLens);
            owned.addAll(List.of(f, li, lv, ol));
            r.feed(features, f).feed(labelIndices, li).feed(labelValues, lv).feed(outputLengths, ol);
            r.fetch(loss).fetch(logProbs);
            if (withGradients) for (Output<?> g : gradients) r.fetch(g);
            try (org.tensorflow.Result res = r.run()) {
                float[] losses = new float[b];
                ((TFloat32) res.get(0)).copyTo(DataBuffers.of(losses, false, false));
                TFloat32 lp = (TFloat32) res.get(1);
                long[] lpShape = lp.shape().asArray();
                float[][][] logp = new float[(int) lpShape[0]][(int) lpShape[1]][(int) lpShape[2]];
                float[] lpFlat = new float[(int) lp.shape().size()];
                lp.copyTo(DataBuffers.of(lpFlat, false, false));
                int p = 0;
                for (float[][] a : logp) for (float[] row : a) { System.arraycopy(lpFlat, p, row, 0, row.length); p += row.length; }
                List<float[]> grads = new ArrayList<>();
                for (int i = 0; withGradients && i < gradients.length; i++) {
                    TFloat32 g = (TFloat32) res.get(2 + i);
                    float[] gv = new float[(int) g.shape().size()];
                    g.copyTo(DataBuffers.of(gv, false, false));
                    grads.add(gv);
                }
                double sum = 0;
                for (float l : losses) sum += l;
                return new Result((float) (sum / b), losses, grads, logp);
            }
        } finally {
            owned.forEach(org.tensorflow.Tensor::close);
        }
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }
}
