package dev.streamscribe.acoustic.model;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.nn.BlockLSTM;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Builds the network once for training (weights fed per step) and once for export (weights as constants), so
 * both run the very same graph. Time-major inside because BlockLSTM and CTCLoss are.
 *
 * <p>The convolution is causal: it reads the {@code stride} frames carried in {@code conv_state} before the
 * chunk, so chunks whose length is a multiple of the stride give exactly the frames of one pass.
 */
public final class ConvLstmGraph {

    /** What one step produces: logits [T/stride, B, classes] (time-major) and the next state. */
    public record Step(Operand<TFloat32> logits, Operand<TFloat32> convState, Operand<TFloat32> lstmH,
                       Operand<TFloat32> lstmC) {}

    private ConvLstmGraph() {}

    /**
     * @param features  [B, T, melBands], T a multiple of the stride
     * @param convState [B, stride, melBands]
     * @param lstmH     [L, B, H]
     * @param lstmC     [L, B, H]
     */
    public static Step build(Ops tf, ModelConfig c, Function<String, Operand<TFloat32>> weight,
                             Operand<TFloat32> features, Operand<TFloat32> convState,
                             Operand<TFloat32> lstmH, Operand<TFloat32> lstmC) {
        int s = c.stride();
        Operand<TInt32> time = tf.gather(tf.shape(features), tf.constant(1), tf.constant(0));
        Operand<TFloat32> padded = tf.concat(List.of(convState, features), tf.constant(1));
        Operand<TFloat32> nextConv = tf.slice(padded, tf.stack(List.of(tf.constant(0), time, tf.constant(0))),
                tf.constant(new int[] {-1, s, -1}));

        // Groups of `stride` frames; each output sees its own group and the one before.
        Operand<TInt32> batch = tf.gather(tf.shape(features), tf.constant(0), tf.constant(0));
        Operand<TInt32> steps = tf.math.floorDiv(time, tf.constant(s));
        Operand<TFloat32> groups = tf.reshape(padded,
                tf.stack(List.of(batch, tf.math.add(steps, tf.constant(1)), tf.constant(s * c.melBands()))));
        Operand<TFloat32> previous = tf.slice(groups, tf.constant(new int[] {0, 0, 0}),
                tf.stack(List.of(tf.constant(-1), steps, tf.constant(-1))));
        Operand<TFloat32> current = tf.slice(groups, tf.constant(new int[] {0, 1, 0}), tf.constant(new int[] {-1, -1, -1}));
        Operand<TFloat32> windows = tf.concat(List.of(previous, current), tf.constant(2));       // [B, T', K*80]
        Operand<TFloat32> windowsTm = tf.linalg.transpose(windows, tf.constant(new int[] {1, 0, 2})); // [T', B, K*80]
        Operand<TInt32> tmShape = tf.shape(windowsTm);

        Operand<TFloat32> x = dense(tf, windowsTm, tmShape, weight.apply("conv/w"), weight.apply("conv/b"),
                c.convInputs(), c.convChannels());
        x = tf.nn.relu(x);

        Operand<TInt64> seqLenMax = tf.dtypes.cast(tf.gather(tmShape, tf.constant(0), tf.constant(0)), TInt64.class);
        Operand<TInt32> lastStep = tf.math.sub(tf.gather(tmShape, tf.constant(0), tf.constant(0)), tf.constant(1));
        Operand<TFloat32> peephole = tf.zeros(tf.constant(new int[] {c.lstmUnits()}), TFloat32.class);
        List<Operand<TFloat32>> hs = new ArrayList<>();
        List<Operand<TFloat32>> cs = new ArrayList<>();
        for (int l = 0; l < c.lstmLayers(); l++) {
            BlockLSTM<TFloat32> lstm = BlockLSTM.create(tf.scope(), seqLenMax, x, layer(tf, lstmC, l),
                    layer(tf, lstmH, l), weight.apply("lstm" + l + "/w"), peephole, peephole, peephole,
                    weight.apply("lstm" + l + "/b"), BlockLSTM.cellClip(-1f), BlockLSTM.usePeephole(false));
            x = lstm.h();
            hs.add(lastOf(tf, lstm.h(), lastStep));
            cs.add(lastOf(tf, lstm.cs(), lastStep));
        }
        Operand<TFloat32> logits = dense(tf, x, tmShape, weight.apply("out/w"), weight.apply("out/b"),
                c.lstmUnits(), c.classes());
        return new Step(logits, nextConv, tf.stack(hs), tf.stack(cs));
    }

    /** [T, B, in] x [in, out] + [out] -> [T, B, out] */
    private static Operand<TFloat32> dense(Ops tf, Operand<TFloat32> x, Operand<TInt32> tbShape,
                                           Operand<TFloat32> w, Operand<TFloat32> b, int in, int out) {
        Operand<TFloat32> flat = tf.reshape(x, tf.constant(new int[] {-1, in}));
        Operand<TFloat32> y = tf.nn.biasAdd(tf.linalg.matMul(flat, w), b);
        Operand<TInt32> shape = tf.concat(List.of(tf.slice(tbShape, tf.constant(new int[] {0}), tf.constant(new int[] {2})),
                tf.constant(new int[] {out})), tf.constant(0));
        return tf.reshape(y, shape);
    }

    private static Operand<TFloat32> layer(Ops tf, Operand<TFloat32> state, int l) {
        return tf.squeeze(tf.slice(state, tf.constant(new int[] {l, 0, 0}), tf.constant(new int[] {1, -1, -1})),
                org.tensorflow.op.core.Squeeze.axis(List.of(0L)));
    }

    private static Operand<TFloat32> lastOf(Ops tf, Operand<TFloat32> seq, Operand<TInt32> lastStep) {
        return tf.gather(seq, lastStep, tf.constant(0));
    }
}
