package dev.streamscribe.ingest.reprocess;

import dev.streamscribe.features.audio.Audio;
import dev.streamscribe.features.audio.AudioFiles;
import dev.streamscribe.ingest.kafka.AudioPublisher;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reprocessing through the running pipeline: each file becomes one stream on the input topic, sent at full
 * speed, named {@code prefix} + its path under the archive root so that its transcripts can be found again.
 */
public record PublishJob(AudioPublisher publisher, ArchiveInputs inputs, String prefix) implements FileJob {
    @Override
    public Outcome process(Path file) throws InterruptedException {
        Audio audio = AudioFiles.read(file);
        String streamId = prefix + inputs.relativeName(file);
        AudioPublisher.checkStream(streamId, audio.sampleRate());
        long start = System.nanoTime();
        int chunks = publisher.publish(streamId, audio, false);
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("file", file.toString());
        line.put("streamId", streamId);
        line.put("chunks", chunks);
        line.put("audioMs", audio.durationMs());
        line.put("processingMs", (System.nanoTime() - start) / 1_000_000);
        return new Outcome(line, audio.durationMs());
    }
}
