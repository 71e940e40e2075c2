package dev.streamscribe.features.frames;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogMelFramerTest {
    private static float[] tone(double hz, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) (0.5 * Math.sin(2 * Math.PI * hz * i / 16000));
        return x;
    }

    private static int loudestBand(float[] frame) {
        int best = 0;
        for (int b = 1; b < frame.length; b++) if (frame[b] > frame[best]) best = b;
        return best;
    }

    @Test
    void aHigherToneLightsAHigherMelBand() {
        LogMelFramer f = new LogMelFramer(FeatureConfig.DEFAULT);
        int low = loudestBand(f.accept(tone(300, 400))[0]);
        int high = loudestBand(new LogMelFramer(FeatureConfig.DEFAULT).accept(tone(3000, 400))[0]);
        assertTrue(high > low + 20, "300 Hz -> band " + low + ", 3000 Hz -> band " + high);
    }

    @Test
    void silenceSitsAtTheLogFloor() {
        float[] frame = new LogMelFramer(FeatureConfig.DEFAULT).accept(new float[400])[0];
        for (float v : frame) assertEquals(Math.log(1e-6), v, 1e-3);
    }

    @Test
    void remainderIsKeptUntilAWindowIsComplete() {
        LogMelFramer f = new LogMelFramer(FeatureConfig.DEFAULT);
        assertEquals(0, f.accept(new float[399]).length);
        assertEquals(399, f.pendingSamples());
        assertEquals(1, f.accept(new float[1]).length);
        assertEquals(240, f.pendingSamples()); // 400 - hop 160
    }
}
