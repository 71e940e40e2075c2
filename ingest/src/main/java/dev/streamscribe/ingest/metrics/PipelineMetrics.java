package dev.streamscribe.ingest.metrics;

/**
 * What the pipeline tells monitoring about its work. The Streams processor and the recogniser report through it;
 * offline paths and tests that do not look use {@link #NONE}.
 */
public interface PipelineMetrics {
    PipelineMetrics NONE = new PipelineMetrics() {};

    /** The recogniser advanced streams by {@code audioSeconds} of audio in {@code processingNanos} of wall time. */
    default void recognised(double audioSeconds, long processingNanos) {}

    /** One model step ran this many streams as one batch. */
    default void modelBatch(int streams) {}

    /** A partial or final was written {@code latencyMs} after the timestamp of the chunk record it came from. */
    default void transcriptEmitted(boolean isFinal, long latencyMs) {}

    /** A record went to the dead-letter topic with this error code. */
    default void deadLettered(String code) {}

    /** How many streams one task holds recogniser state for, 0 once the task is closed or moved away. */
    default void activeStreams(String task, int streams) {}
}
