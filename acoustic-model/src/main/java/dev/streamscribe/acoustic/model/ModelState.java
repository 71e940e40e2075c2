package dev.streamscribe.acoustic.model;

import dev.streamscribe.features.io.FloatArrays;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * What the network carries from one chunk of a stream to the next: the last {@code stride} input frames for
 * the convolution and each LSTM layer's h and c. Fixed size for a given model (about 6 KB for the default).
 */
public record ModelState(float[] conv, float[] h, float[] c) {

    public static ModelState initial(ModelConfig m) {
        return new ModelState(new float[m.stride() * m.melBands()], new float[m.lstmLayers() * m.lstmUnits()],
                new float[m.lstmLayers() * m.lstmUnits()]);
    }

    public void write(DataOutput out) throws IOException {
        for (float[] a : new float[][] {conv, h, c}) FloatArrays.write(out, a);
    }

    public static ModelState read(DataInput in, ModelConfig m) throws IOException {
        ModelState s = initial(m);
        for (float[] a : new float[][] {s.conv, s.h, s.c}) FloatArrays.read(in, a);
        return s;
    }
}
