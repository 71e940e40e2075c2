package dev.streamscribe.ingest.cli;

/** Bad command-line input: printed as one line, exit code 2. */
public class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
