package dev.streamscribe.ingest.reprocess;

import dev.streamscribe.ingest.recognizer.FileTranscriber;

import java.nio.file.Path;

/** Offline reprocessing: each file through {@link FileTranscriber}, giving the line of {@code transcribe --output jsonl}. */
public record TranscribeJob(FileTranscriber transcriber) implements FileJob {
    @Override
    public Outcome process(Path file) {
        FileTranscriber.FileTranscript t = transcriber.transcribe(file);
        return new Outcome(t.jsonFields(), t.audioMs());
    }
}
