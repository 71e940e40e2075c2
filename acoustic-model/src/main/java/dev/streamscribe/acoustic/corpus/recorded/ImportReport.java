package dev.streamscribe.acoustic.corpus.recorded;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** What an import kept, per speaker and split, and what it dropped, per reason: pieces and hours. */
final class ImportReport {
    private record Tally(int pieces, double seconds) {
        Tally plus(double s) {
            return new Tally(pieces + 1, seconds + s);
        }
    }

    private final Map<String, Tally> kept = new TreeMap<>();
    private final Map<String, Tally> dropped = new TreeMap<>();

    synchronized void kept(String speaker, String split, double seconds) {
        kept.merge(split + " " + speaker, new Tally(1, seconds), (a, b) -> a.plus(seconds));
    }

    synchronized void dropped(String reason, double seconds) {
        dropped.merge(reason, new Tally(1, seconds), (a, b) -> a.plus(seconds));
    }

    synchronized int keptPieces() {
        return kept.values().stream().mapToInt(Tally::pieces).sum();
    }

    synchronized void print(PrintStream out, String source) {
        out.printf(Locale.ROOT, "import %s: kept %s, dropped %s%n", source, total(kept), total(dropped));
        kept.forEach((k, t) -> out.printf(Locale.ROOT, "  kept    %-28s %s%n", k, line(t)));
        dropped.forEach((k, t) -> out.printf(Locale.ROOT, "  dropped %-28s %s%n", k, line(t)));
    }

    private static String total(Map<String, Tally> m) {
        return line(m.values().stream().reduce(new Tally(0, 0), (a, b) -> new Tally(a.pieces + b.pieces, a.seconds + b.seconds)));
    }

    private static String line(Tally t) {
        return String.format(Locale.ROOT, "%d pieces, %.2f h", t.pieces, t.seconds / 3600);
    }
}
