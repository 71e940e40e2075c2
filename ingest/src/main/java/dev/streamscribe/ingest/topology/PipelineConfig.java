package dev.streamscribe.ingest.topology;

import java.time.Duration;

/**
 * The topology's settings. Chunks are capped both in bytes (Kafka's default message limit is about 1 MB) and in
 * duration (ARCHITECTURE.md §3: 1 ms to 10 s), so no record can make a stream buffer much audio. A stream that sends
 * nothing for {@code idleTimeout} is finalised and its state deleted. A partition keeps at most {@code maxStreams}
 * streams (live, or ended and not yet expired), so producers inventing stream ids cannot fill the disk.
 * A chunk's audio waits up to {@code batchWindow} for the model, so that the chunks of other streams arriving
 * meanwhile share its session call (zero: every chunk runs through the model as it comes).
 */
public record PipelineConfig(String inputTopic, String transcriptsTopic, String dlqTopic, int maxChunkBytes,
                             int maxChunkMs, Duration idleTimeout, int maxStreams, Duration batchWindow) {
    public static final PipelineConfig DEFAULT = new PipelineConfig("audio.chunks", "transcripts", "audio.chunks.dlq",
            1_000_000, 10_000, Duration.ofSeconds(30), 10_000, Duration.ofMillis(50));

    /** The changelogged store of per-stream state. */
    public static final String STORE = "stream-state";
    /** Room above {@code maxChunkBytes} in a dead letter for the record's key and headers and the error headers. */
    public static final int DEAD_LETTER_OVERHEAD_BYTES = 65_536;

    public PipelineConfig {
        if (maxChunkBytes < 1024) throw new IllegalArgumentException("max chunk bytes must be at least 1024");
        if (maxChunkMs < 10) throw new IllegalArgumentException("max chunk ms must be at least 10");
        if (idleTimeout.toMillis() < 1000) throw new IllegalArgumentException("idle timeout must be at least 1 s");
        if (maxStreams < 1) throw new IllegalArgumentException("max streams must be at least 1");
        if (batchWindow.isNegative() || batchWindow.toMillis() > 1000) throw new IllegalArgumentException("batch window must be 0-1000 ms");
    }

    /** The largest dead letter: the pipeline's producer request limit and the dead-letter topic's message limit. */
    public int maxDeadLetterBytes() {
        return maxChunkBytes + DEAD_LETTER_OVERHEAD_BYTES;
    }

    public PipelineConfig withIdleTimeout(Duration d) {
        return new PipelineConfig(inputTopic, transcriptsTopic, dlqTopic, maxChunkBytes, maxChunkMs, d, maxStreams, batchWindow);
    }

    public PipelineConfig withTopics(String input, String transcripts, String dlq) {
        return new PipelineConfig(input, transcripts, dlq, maxChunkBytes, maxChunkMs, idleTimeout, maxStreams, batchWindow);
    }

    public PipelineConfig withMaxChunkBytes(int n) {
        return new PipelineConfig(inputTopic, transcriptsTopic, dlqTopic, n, maxChunkMs, idleTimeout, maxStreams, batchWindow);
    }

    public PipelineConfig withMaxStreams(int n) {
        return new PipelineConfig(inputTopic, transcriptsTopic, dlqTopic, maxChunkBytes, maxChunkMs, idleTimeout, n, batchWindow);
    }

    public PipelineConfig withBatchWindow(Duration d) {
        return new PipelineConfig(inputTopic, transcriptsTopic, dlqTopic, maxChunkBytes, maxChunkMs, idleTimeout, maxStreams, d);
    }
}
