package dev.streamscribe.ingest.reprocess;

import java.util.Locale;

/**
 * What a reprocessing run did: of {@code files}, how many earlier runs had finished ({@code skipped}, of which
 * {@code failedEarlier} had failed), how many this run processed and how many of those failed, and the audio
 * this run covered against its wall-clock time.
 */
public record Summary(int files, int skipped, int failedEarlier, int processed, int failed, long audioMs, long elapsedMs) {
    /** Whether every file of the input has a good line, counting earlier runs: the exit code. */
    public boolean allOk() {
        return failed == 0 && failedEarlier == 0;
    }

    /** Audio time over wall time: 100 means an hour of audio in 36 s. */
    public double timesRealTime() {
        return elapsedMs == 0 ? 0 : (double) audioMs / elapsedMs;
    }

    /** h:mm:ss, the way archives are measured. */
    static String clock(long ms) {
        long s = ms / 1000;
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }

    /** The closing line of a run, for people. */
    public String report() {
        return String.format(Locale.ROOT, "%d files: %d processed (%d failed), %d done earlier (%d failed); "
                        + "%s of audio in %.1f s = %.1fx real time", files, processed, failed, skipped, failedEarlier,
                clock(audioMs), elapsedMs / 1000.0, timesRealTime());
    }
}
