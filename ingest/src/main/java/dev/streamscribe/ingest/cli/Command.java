package dev.streamscribe.ingest.cli;

import java.util.Set;

/** A subcommand of {@code ./asr}. Returns the process exit code. */
public interface Command {
    String name();

    /** One line for the command list. */
    String summary();

    /** The text of {@code ./asr NAME --help}: usage line and options. */
    String usage();

    /** The flags it takes, besides --help and --config: those its usage names. */
    default Set<String> flags() {
        return Options.namedIn(usage());
    }

    int run(Options options) throws Exception;
}
