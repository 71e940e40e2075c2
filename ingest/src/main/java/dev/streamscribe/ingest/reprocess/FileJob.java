package dev.streamscribe.ingest.reprocess;

import java.nio.file.Path;
import java.util.Map;

/** What a reprocessing run does to each file: transcribe it, or publish it. Called from several threads at once. */
@FunctionalInterface
public interface FileJob {
    /** The file's result line (with its {@code file} field) and its audio length; failures are thrown. */
    Outcome process(Path file) throws Exception;

    record Outcome(Map<String, Object> line, long audioMs) {}
}
