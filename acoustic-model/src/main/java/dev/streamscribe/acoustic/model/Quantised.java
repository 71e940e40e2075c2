package dev.streamscribe.acoustic.model;

/**
 * A parameter stored as unsigned 8-bit steps between its smallest and largest value: {@code value = step * scale +
 * offset}. Each value is rounded to the nearest step, so it is off by at most half a step (scale / 2).
 */
record Quantised(byte[] steps, float scale, float offset) {
    static Quantised of(float[] v) {
        float min = Float.POSITIVE_INFINITY, max = Float.NEGATIVE_INFINITY;
        for (float x : v) {
            if (!Float.isFinite(x)) throw new IllegalArgumentException("cannot store " + x + " as a quantised weight");
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        float scale = max > min ? (max - min) / 255 : 1;
        byte[] steps = new byte[v.length];
        for (int i = 0; i < v.length; i++) steps[i] = (byte) Math.round((v[i] - min) / scale);
        return new Quantised(steps, scale, min);
    }

    void copyTo(float[] out) {
        for (int i = 0; i < steps.length; i++) out[i] = Byte.toUnsignedInt(steps[i]) * scale + offset;
    }
}
