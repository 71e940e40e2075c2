package dev.streamscribe.features.audio;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResamplerTest {
    @ParameterizedTest
    @ValueSource(ints = {8000, 11025, 22050, 44100, 48000})
    void aToneKeepsItsFrequencyAndLevel(int rate) {
        double hz = 440;
        float[] in = new float[rate];
        for (int i = 0; i < in.length; i++) in[i] = (float) Math.sin(2 * Math.PI * hz * i / rate);
        Resampler r = new Resampler(rate, 16000);
        float[] a = r.accept(in);
        float[] b = r.flush();
        float[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        assertEquals(16000, out.length, 2);
        // correlate the middle against the ideal 16 kHz tone
        double dot = 0, norm = 0;
        for (int i = 2000; i < 14000; i++) {
            double ref = Math.sin(2 * Math.PI * hz * i / 16000);
            dot += out[i] * ref;
            norm += ref * ref;
        }
        assertTrue(dot / norm > 0.97, "gain " + dot / norm);
    }

    @ParameterizedTest
    @ValueSource(ints = {44100, 48000})
    void contentAboveTheNewNyquistIsRemoved(int rate) {
        float[] in = new float[rate];
        for (int i = 0; i < in.length; i++) in[i] = (float) Math.sin(2 * Math.PI * 12000 * i / rate);
        float[] out = new Resampler(rate, 16000).accept(in);
        double energy = 0;
        for (int i = 1000; i < out.length - 1000; i++) energy += out[i] * out[i];
        assertTrue(energy / (out.length - 2000) < 1e-3, "aliased energy " + energy);
    }
}
