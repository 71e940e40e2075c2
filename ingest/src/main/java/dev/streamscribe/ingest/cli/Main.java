package dev.streamscribe.ingest.cli;

import dev.streamscribe.acoustic.training.ErrorRate;
import dev.streamscribe.features.audio.AudioFormatException;

import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code ./asr COMMAND [options]}: the entry point of every user-facing command. */
public final class Main {
    private static final Map<String, Command> COMMANDS = new LinkedHashMap<>();

    static {
        for (Command c : List.<Command>of(new DemoCommand(), new ServeCommand(), new PublishCommand(), new DashboardCommand(),
                new GatewayCommand(), new TranscribeCommand(), new ReprocessCommand(), new EvalCommand(), new TuneCommand(), new BenchCommand(), new CorpusCommand(), new TrainCommand(),
                new AverageCommand())) {
            COMMANDS.put(c.name(), c);
        }
    }

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("help")) {
            System.out.println("usage: ./asr COMMAND [options]   (./asr COMMAND --help for its options)\n");
            COMMANDS.values().forEach(c -> System.out.printf("  %-11s %s%n", c.name(), c.summary()));
            return args.length == 0 ? 2 : 0;
        }
        Command c = command(args[0]);
        if (c == null) {
            System.err.println("asr: unknown command '" + args[0] + "' (try ./asr --help)");
            return 2;
        }
        try {
            Options o = Options.parse(Arrays.asList(args).subList(1, args.length), System.getenv());
            if (o.flag("help")) {
                System.out.println(c.usage());
                return 0;
            }
            rejectUnknownFlags(c, o);
            return c.run(o);
        } catch (UsageException | AudioFormatException e) {
            System.err.println("asr " + c.name() + ": " + e.getMessage());
            return 2;
        } catch (Exception e) {
            System.err.println("asr " + c.name() + ": " + e);
            return 1;
        }
    }

    /** The command of that name, or null. */
    static Command command(String name) {
        return COMMANDS.get(name);
    }

    /** Ignored, a mistyped flag would leave its default in force: {@code serve --bootstrap-server} would use localhost. */
    private static void rejectUnknownFlags(Command c, Options o) {
        Set<String> known = c.flags();
        List<String> unknown = o.unknownFlags(known);
        if (unknown.isEmpty()) return;
        String flag = unknown.get(0);
        String hint = known.stream().filter(k -> !k.endsWith(".") && editDistance(flag, k) <= 2)
                .min(Comparator.comparingInt((String k) -> editDistance(flag, k)).thenComparing(k -> k))
                .map(k -> " (did you mean --" + k + "?)").orElse("");
        throw new UsageException("unknown option --" + flag + hint + "; ./asr " + c.name() + " --help lists its options");
    }

    private static int editDistance(String a, String b) {
        return ErrorRate.distance(Arrays.asList(a.split("")), Arrays.asList(b.split("")));
    }
}
