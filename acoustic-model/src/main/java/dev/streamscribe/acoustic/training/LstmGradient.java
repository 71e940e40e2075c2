package dev.streamscribe.acoustic.training;

import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.TensorFlow;
import org.tensorflow.op.nn.BlockLSTM;
import org.tensorflow.op.nn.BlockLSTMGrad;
import org.tensorflow.types.TFloat32;

import java.util.Arrays;

/** TensorFlow's C++ gradient registry has no entry for BlockLSTM (op BlockLSTMV2); this supplies it from BlockLSTMGrad. */
final class LstmGradient {
    private static boolean registered;

    private LstmGradient() {}

    @SuppressWarnings("unchecked")
    static synchronized void register() {
        if (registered) return;
        TensorFlow.registerCustomGradient(BlockLSTM.Inputs.class, (tf, in, grads) -> {
            BlockLSTM<TFloat32> fwd = (BlockLSTM<TFloat32>) in.getOutputs();
            Operand<TFloat32> csGrad = orZeros(tf, grads.get(1), fwd.cs());
            Operand<TFloat32> hGrad = orZeros(tf, grads.get(6), fwd.h());
            BlockLSTMGrad<TFloat32> g = BlockLSTMGrad.create(tf.scope(), in.seqLenMax,
                    (Operand<TFloat32>) in.x, (Operand<TFloat32>) in.csPrev, (Operand<TFloat32>) in.hPrev,
                    (Operand<TFloat32>) in.w, (Operand<TFloat32>) in.wci, (Operand<TFloat32>) in.wcf,
                    (Operand<TFloat32>) in.wco, (Operand<TFloat32>) in.b,
                    fwd.i(), fwd.cs(), fwd.f(), fwd.o(), fwd.ci(), fwd.co(), fwd.h(), csGrad, hGrad, in.usePeephole);
            // seq_len_max is an integer count: its "gradient" is never used, but the adapter wants an operand.
            return Arrays.asList(tf.zerosLike(in.seqLenMax), g.xGrad(), g.csPrevGrad(), g.hPrevGrad(), g.wGrad(), g.wciGrad(),
                    g.wcfGrad(), g.wcoGrad(), g.bGrad());
        });
        registered = true;
    }

    @SuppressWarnings("unchecked")
    private static Operand<TFloat32> orZeros(org.tensorflow.op.Ops tf, Output<?> grad, Operand<TFloat32> like) {
        return grad == null || grad.isClosed() ? tf.zerosLike(like) : (Operand<TFloat32>) grad;
    }
}
