package dev.streamscribe.ingest.bench;

import java.util.Arrays;

/** Measured values (milliseconds) and their percentiles. Not thread-safe: each belongs to one thread at a time. */
final class Samples {
    private double[] values = new double[1024];
    private int size;

    void add(double v) {
        if (size == values.length) values = Arrays.copyOf(values, size * 2);
        values[size++] = v;
    }

    int size() {
        return size;
    }

    long countAbove(double limit) {
        return Arrays.stream(values, 0, size).filter(v -> v > limit).count();
    }

    /** The nearest-rank percentile, {@code q} in (0, 100]; NaN when empty. */
    double percentile(double q) {
        if (size == 0) return Double.NaN;
        double[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q / 100 * size);
        return sorted[Math.max(0, Math.min(size - 1, rank - 1))];
    }
}
