package dev.streamscribe.ingest.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every setting has one name in three spellings: the flag {@code --bootstrap-servers}, the property
 * {@code bootstrap.servers} (in the file named by {@code --config}, default {@code ./streamscribe.properties} when
 * present) and the environment variable {@code STREAMSCRIBE_BOOTSTRAP_SERVERS}. A flag beats the file, which
 * beats the environment, which beats the default in the code.
 */
public final class Options {
    /** A flag in a usage text: {@code --beam}, or {@code --kafka.NAME} for every flag under the prefix "kafka.". */
    private static final Pattern NAMED_FLAG = Pattern.compile("--([a-z][a-z0-9-]*)((?:\\.[A-Za-z][A-Za-z0-9-]*)*)");
    /** Taken by every command. */
    private static final Set<String> COMMON_FLAGS = Set.of("help", "config");

    private final Map<String, String> flags = new LinkedHashMap<>();
    private final List<String> positional = new ArrayList<>();
    private final Properties file = new Properties();
    private final Map<String, String> env;

    private Options(Map<String, String> env) {
        this.env = env;
    }

    /** Parses {@code --name value}, {@code --name=value} and bare {@code --flag} (the latter as "true"). */
    public static Options parse(List<String> args, Map<String, String> env) throws IOException {
        Options o = new Options(env);
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--")) {
                o.positional.addAll(args.subList(i + 1, args.size()));
                break;
            }
            if (a.startsWith("--") && a.length() > 2) {
                String name = a.substring(2);
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    o.flags.put(name.substring(0, eq), name.substring(eq + 1));
                } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--") && !isSwitch(name)) {
                    o.flags.put(name, args.get(++i));
                } else {
                    o.flags.put(name, "true");
                }
            } else {
                o.positional.add(a);
            }
        }
        Path config = Path.of(o.flags.getOrDefault("config", env.getOrDefault("STREAMSCRIBE_CONFIG", "streamscribe.properties")));
        if (Files.exists(config)) {
            try (Reader r = Files.newBufferedReader(config)) {
                o.file.load(r);
            }
        } else if (o.flags.containsKey("config")) {
            throw new UsageException("config file " + config + " does not exist");
        }
        return o;
    }

    /** Flags that never take a value, so that {@code --jsonl a.wav} keeps a.wav positional. */
    private static boolean isSwitch(String name) {
        return List.of("jsonl", "help", "realtime", "mic", "to-topic", "greedy", "fast", "dashboard", "from-beginning", "sweep", "dev-only", "commercial-only").contains(name);
    }

    public static String propertyName(String flag) {
        return flag.replace('-', '.');
    }

    public static String envName(String flag) {
        return "STREAMSCRIBE_" + flag.replace('-', '_').replace('.', '_').toUpperCase(Locale.ROOT);
    }

    /** The value of a setting, or {@code fallback}. */
    public String get(String flag, String fallback) {
        if (flags.containsKey(flag)) return flags.get(flag);
        String p = file.getProperty(propertyName(flag));
        if (p != null) return p;
        String e = env.get(envName(flag));
        return e != null ? e : fallback;
    }

    public boolean has(String flag) {
        return get(flag, null) != null;
    }

    public boolean flag(String flag) {
        return Boolean.parseBoolean(get(flag, "false"));
    }

    public int getInt(String flag, int fallback) {
        return parsed(flag, fallback, Integer::parseInt, "a whole number");
    }

    public double getDouble(String flag, double fallback) {
        return parsed(flag, fallback, Double::parseDouble, "a number");
    }

    private <T> T parsed(String flag, T fallback, Function<String, T> parse, String kind) {
        String v = get(flag, null);
        if (v == null) return fallback;
        try {
            return parse.apply(v.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("--" + flag + " must be " + kind + ", got '" + v + "'");
        }
    }

    public List<String> positional() {
        return positional;
    }

    /**
     * The flags given on the command line that {@code known} takes, as {@code --name=value}: what to hand on to a
     * child process running another command.
     */
    public List<String> flagArgs(Set<String> known) {
        return flags.entrySet().stream().filter(e -> takes(known, e.getKey()))
                .map(e -> "--" + e.getKey() + "=" + e.getValue()).sorted().toList();
    }

    /**
     * The flags a usage text names: "beam" for {@code --beam N}, the prefix "kafka." for {@code --kafka.NAME VALUE}.
     * A command takes the flags its --help names, so what it documents and what it accepts stay the same.
     */
    static Set<String> namedIn(String usage) {
        Set<String> named = new HashSet<>();
        Matcher m = NAMED_FLAG.matcher(usage);
        while (m.find()) {
            String rest = m.group(2);
            named.add(rest.chars().anyMatch(Character::isUpperCase) ? m.group(1) + "." : m.group(1) + rest);
        }
        return named;
    }

    /** Flags given on the command line that {@code known} does not take, in the order given. */
    List<String> unknownFlags(Set<String> known) {
        return flags.keySet().stream().filter(f -> !takes(known, f)).toList();
    }

    private static boolean takes(Set<String> known, String flag) {
        if (known.contains(flag) || COMMON_FLAGS.contains(flag)) return true;
        int dot = flag.indexOf('.');
        return dot > 0 && known.contains(flag.substring(0, dot + 1));
    }

    /**
     * Settings whose names start with {@code prefix} (e.g. "kafka."), from all three sources, with the prefix
     * removed: how client security settings such as {@code kafka.security.protocol} reach every Kafka client.
     */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> out = new HashMap<>();
        String envPrefix = envName(prefix);
        env.forEach((k, v) -> {
            if (k.startsWith(envPrefix)) out.put(k.substring(envPrefix.length()).toLowerCase(Locale.ROOT).replace('_', '.'), v);
        });
        for (String k : file.stringPropertyNames()) if (k.startsWith(prefix)) out.put(k.substring(prefix.length()), file.getProperty(k));
        flags.forEach((k, v) -> {
            if (k.startsWith(prefix)) out.put(k.substring(prefix.length()), v);
        });
        return out;
    }
}
