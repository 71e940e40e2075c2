package dev.streamscribe.ingest.dashboard;

/**
 * What the dashboard keeps, so that no content of the transcripts topic can make it grow without bound: the
 * streams shown (the least recently updated ended stream, else the least recently updated one, makes room for a
 * new one), the finals kept per stream, and the browsers connected at once.
 */
public record DashboardLimits(int maxStreams, int maxFinals, int maxClients) {
    public static final DashboardLimits DEFAULT = new DashboardLimits(100, 20, 16);

    public DashboardLimits {
        if (maxStreams < 1 || maxStreams > 10_000) throw new IllegalArgumentException("max streams must be 1-10000, got " + maxStreams);
        if (maxFinals < 1 || maxFinals > 1_000) throw new IllegalArgumentException("max finals must be 1-1000, got " + maxFinals);
        if (maxClients < 1 || maxClients > 1_000) throw new IllegalArgumentException("max clients must be 1-1000, got " + maxClients);
    }

    /** Each connected browser holds a handler thread; a few more serve the page and the metrics meanwhile. */
    public int httpThreads() {
        return maxClients + 4;
    }
}
