package dev.streamscribe.acoustic.corpus;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Debian's English speech synthesisers, in the order a corpus draws from them, each with its share of the
 * utterances. mbrola and pico come from Debian's contrib and non-free sections, which a machine may not have
 * enabled; they are last so that a corpus drawn from the first three alone is the one made before they were added.
 * RHVoice (non-free) came after them for the same reason: its English voices are statistical models of four CMU ARCTIC
 * speakers, so they add human speakers' timbre that the diphone and unit voices lack.
 */
public enum Engine {
    ESPEAK_NG("espeak-ng", 45, "espeak-ng", List.of("espeak-ng")),
    FLITE("flite", 35, "flite", List.of("flite")),
    FESTIVAL("festival", 20, "festival festvox-kallpc16k festvox-kdlpc16k festvox-us-slt-hts", List.of("text2wave")),
    MBROLA("mbrola", 15, "mbrola mbrola-us1 mbrola-us2 mbrola-us3 mbrola-en1 (contrib and non-free)",
            Stream.concat(Stream.of("espeak-ng", "mbrola"),
                    Voice.MBROLA_VOICES.stream().map(v -> "/usr/share/mbrola/" + v + "/" + v)).toList()),
    PICO("pico", 10, "libttspico-utils (non-free)", List.of("pico2wave")),
    RHVOICE("rhvoice", 20, "rhvoice rhvoice-english (non-free)", List.of("RHVoice-test"));

    private static final Set<Engine> ALL = EnumSet.allOf(Engine.class);

    private final String label;
    private final int share;
    private final String packages;
    /** programs looked up on the PATH, or absolute paths of voice data */
    private final List<String> needs;

    Engine(String label, int share, String packages, List<String> needs) {
        this.label = label;
        this.share = share;
        this.packages = packages;
        this.needs = needs;
    }

    public String label() {
        return label;
    }

    /** Relative weight of this engine among the engines a corpus uses. */
    public int share() {
        return share;
    }

    /** Parses a comma-separated list of engine labels, e.g. {@code espeak-ng,flite,festival}. */
    public static Set<Engine> parse(String csv) {
        Set<Engine> engines = EnumSet.noneOf(Engine.class);
        for (String name : csv.split(",")) {
            String n = name.strip();
            if (n.isEmpty()) continue;
            engines.add(Arrays.stream(values()).filter(e -> e.label.equals(n)).findFirst().orElseThrow(() ->
                    new IllegalArgumentException("unknown engine '" + n + "'; engines are " + labels(ALL))));
        }
        if (engines.isEmpty()) throw new IllegalArgumentException("no engine given; engines are " + labels(ALL));
        return engines;
    }

    public static String labels(Set<Engine> engines) {
        return engines.stream().map(Engine::label).collect(Collectors.joining(","));
    }

    /** Fails, naming the Debian packages to install, unless every engine can render on this machine. */
    public static void requireInstalled(Set<Engine> engines) {
        List<Engine> missing = engines.stream().filter(e -> !e.installed()).toList();
        if (missing.isEmpty()) return;
        Set<Engine> rest = EnumSet.copyOf(engines);
        missing.forEach(rest::remove);
        throw new IllegalStateException(missing.stream()
                .map(e -> String.format(Locale.ROOT, "%s is not installed (Debian packages: %s)", e.label, e.packages))
                .collect(Collectors.joining("; "))
                + (rest.isEmpty() ? "" : "; install them, or leave them out with --engines " + labels(rest)));
    }

    boolean installed() {
        return needs.stream().allMatch(n -> n.startsWith("/") ? Files.isRegularFile(Path.of(n)) : onPath(n));
    }

    private static boolean onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Arrays.stream(path.split(File.pathSeparator)).anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    }
}
