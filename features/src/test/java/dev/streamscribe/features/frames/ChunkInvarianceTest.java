package dev.streamscribe.features.frames;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The frames of a stream must not depend on how its audio is cut into chunks (ARCHITECTURE.md §4). */
class ChunkInvarianceTest {

    static float[] chirp(int rate, double seconds, long seed) {
        Random r = new Random(seed);
        float[] x = new float[(int) (rate * seconds)];
        for (int i = 0; i < x.length; i++) {
            double t = (double) i / rate;
            x[i] = (float) (0.4 * Math.sin(2 * Math.PI * (200 + 900 * t) * t) + 0.05 * r.nextGaussian());
        }
        return x;
    }

    static List<float[]> frames(int rate, float[] audio, Random chunking, int maxChunk) {
        FeatureStream fs = new FeatureStream(rate, FeatureConfig.DEFAULT, Normalizer.identity(80));
        List<float[]> out = new ArrayList<>();
        int i = 0;
        while (i < audio.length) {
            int n = chunking == null ? audio.length : 1 + chunking.nextInt(maxChunk);
            float[] chunk = Arrays.copyOfRange(audio, i, Math.min(audio.length, i + n));
            out.addAll(List.of(fs.accept(chunk)));
            i += n;
        }
        out.addAll(List.of(fs.finish()));
        return out;
    }

    @ParameterizedTest
    @ValueSource(ints = {8000, 16000, 22050, 44100, 48000})
    void randomChunkSizesGiveBitIdenticalFrames(int rate) {
        float[] audio = chirp(rate, 3.0, rate);
        List<float[]> whole = frames(rate, audio, null, 0);
        for (int trial = 0; trial < 3; trial++) {
            // chunk sizes from 1 sample to 2 s, as producers may send
            Random r = new Random(trial * 31L + rate);
            int max = trial == 0 ? 7 : trial == 1 ? rate / 10 : 2 * rate;
            List<float[]> chunked = frames(rate, audio, r, max);
            assertEquals(whole.size(), chunked.size(), "frame count");
            for (int f = 0; f < whole.size(); f++) assertArrayEquals(whole.get(f), chunked.get(f), 0f, "frame " + f);
        }
    }

    @Test
    void frameCountFollowsWindowAndHop() {
        float[] audio = chirp(16000, 1.0, 1);
        assertEquals((16000 - 400) / 160 + 1, frames(16000, audio, null, 0).size());
    }

    @RepeatedTest(3)
    void stateRoundTripContinuesIdentically() throws Exception {
        int rate = 44100;
        float[] audio = chirp(rate, 2.0, 5);
        List<float[]> whole = frames(rate, audio, null, 0);
        FeatureStream a = new FeatureStream(rate, FeatureConfig.DEFAULT, Normalizer.identity(80));
        int cut = 12345 + new Random().nextInt(40000);
        List<float[]> out = new ArrayList<>(List.of(a.accept(Arrays.copyOfRange(audio, 0, cut))));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        a.writeState(new DataOutputStream(bytes));
        FeatureStream b = new FeatureStream(rate, FeatureConfig.DEFAULT, Normalizer.identity(80));
        b.readState(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertTrue(bytes.size() < 8 * 1024, "state is small: " + bytes.size());
        out.addAll(List.of(b.accept(Arrays.copyOfRange(audio, cut, audio.length))));
        out.addAll(List.of(b.finish()));
        assertEquals(whole.size(), out.size());
        for (int f = 0; f < whole.size(); f++) assertArrayEquals(whole.get(f), out.get(f), 0f);
    }
}
