package dev.streamscribe.acoustic.model;

/**
 * Shape of the conv + LSTM network. The convolution sees {@code 2 * stride} frames and moves by {@code stride},
 * so it keeps {@code stride} frames of context between calls ({@code conv_state [B, stride, melBands]}).
 */
public record ModelConfig(int melBands, int stride, int convChannels, int lstmLayers, int lstmUnits, int classes) {

    /**
     * The shape of en-conv-lstm-v2 to v6: 2.3 M parameters, trainable from scratch in hours on 2 cores. The default
     * model since v7 is v6 widened to 512 LSTM units ({@code --lstm-units 512}) and trained on.
     */
    public static final ModelConfig DEFAULT = new ModelConfig(80, 3, 256, 2, 384, Alphabet.CLASSES);

    public int convKernel() {
        return 2 * stride;
    }

    public int convInputs() {
        return convKernel() * melBands;
    }
}
