package dev.streamscribe.ingest.cli;

/** A subcommand of {@code ./asr}. Returns the process exit code. */
public interface Command {
    String name();

    /** One line for the command list. */
    String summary();

    /** The text of {@code ./asr NAME --help}: usage line and options. */
    String usage();

    int run(Options options) throws Exception;
}
