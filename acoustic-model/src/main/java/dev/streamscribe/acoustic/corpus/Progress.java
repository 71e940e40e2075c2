package dev.streamscribe.acoustic.corpus;

import java.io.PrintStream;
import java.util.Locale;

/** A one-line progress bar with rate and ETA, redrawn in place on a terminal (otherwise a line every 5% or 30 s). */
public final class Progress {
    private final PrintStream out;
    private final String unit;
    private final long total;
    private final long resumedAt;
    private final long start = System.nanoTime();
    private final boolean terminal = System.console() != null;
    private long lastBucket = -1;
    private long lastPrintNanos;

    public Progress(PrintStream out, String unit, long total) {
        this(out, unit, total, 0);
    }

    /** For a run resumed with {@code resumedAt} of {@code total} already done, which must not count in the rate. */
    public Progress(PrintStream out, String unit, long total, long resumedAt) {
        this.out = out;
        this.unit = unit;
        this.total = total;
        this.resumedAt = resumedAt;
    }

    public synchronized void update(long done, String extra) {
        // in a log file: a line every 5% or every 30 s, whichever comes first
        long bucket = total == 0 ? 0 : done * 20 / total;
        long now = System.nanoTime();
        if (!terminal && bucket == lastBucket && done != total && now - lastPrintNanos < 30_000_000_000L) return;
        lastBucket = bucket;
        lastPrintNanos = now;
        double secs = (System.nanoTime() - start) / 1e9;
        double rate = (done - resumedAt) / Math.max(secs, 1e-3);
        long eta = rate > 0 ? (long) ((total - done) / rate) : 0;
        int filled = (int) (total == 0 ? 30 : done * 30 / total);
        String bar = "#".repeat(filled) + ".".repeat(30 - filled);
        String line = String.format(Locale.ROOT, "[%s] %d/%d %s  %.2f/s  %s  ETA %02d:%02d:%02d", bar, done,
                total, unit, rate, extra, eta / 3600, eta / 60 % 60, eta % 60);
        out.print(terminal ? "\r" + line : line + "\n");
        if (terminal && done == total) out.println();
        out.flush();
    }
}
