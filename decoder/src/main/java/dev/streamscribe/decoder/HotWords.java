package dev.streamscribe.decoder;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Words and phrases to boost, each with a boost in natural-log units, as sherpa-onnx and Riva take them per stream.
 * The boost is spread over the letters: each letter that keeps the open word a prefix of a hot word earns its share
 * as it is spelt, so a hot word the model scores low survives the beam while it is spelt (a bonus paid only at the
 * word's end comes too late for a word the beam has already dropped). A word that ends as something else gives its
 * letters' bonus back. A phrase boosts each of its words; a word after the first keeps its bonus only after the
 * phrase's word before it, so that a phrase's common words ("of", "the") are not boosted everywhere.
 *
 * <p>Bounded, because a stream's hot words come from its first chunk and live in its stored state.
 */
public final class HotWords {
    public static final HotWords NONE = new HotWords(Map.of());
    public static final int MAX_ENTRIES = 100;
    public static final int MAX_ENTRY_CHARS = 64;
    public static final double MAX_BOOST = 20;
    public static final double DEFAULT_BOOST = 4;

    /** The phrases, words separated by single spaces, with their boosts; in the order given. */
    private final Map<String, Double> entries;
    /** Per letter of a word prefix: the bonus its last letter earns (the largest over the words it begins). */
    private final Map<String, Double> letterBonus = new HashMap<>();
    /** Per hot word: the words that may come before it for it to keep its bonus; empty set = no condition. */
    private final Map<String, Set<String>> after = new HashMap<>();

    private HotWords(Map<String, Double> entries) {
        this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        Map<String, HashSet<String>> conditions = new HashMap<>();
        Set<String> unconditional = new HashSet<>();
        entries.forEach((phrase, boost) -> {
            String[] words = phrase.split(" ");
            double perLetter = boost / phrase.replace(" ", "").length();
            for (int w = 0; w < words.length; w++) {
                for (int i = 1; i <= words[w].length(); i++) letterBonus.merge(words[w].substring(0, i), perLetter, Math::max);
                if (w == 0) unconditional.add(words[w]);
                else conditions.computeIfAbsent(words[w], k -> new HashSet<>()).add(words[w - 1]);
            }
        });
        unconditional.forEach(w -> after.put(w, Set.of()));
        conditions.forEach((w, before) -> after.putIfAbsent(w, Set.copyOf(before)));
    }

    /**
     * Hot words from {@code (phrase, boost)} pairs; the phrase is lower-cased and its spaces collapsed. Fails with a
     * one-line reason on more than {@link #MAX_ENTRIES} entries, an entry longer than {@link #MAX_ENTRY_CHARS},
     * characters outside the alphabet (a-z, apostrophe, space) or a boost outside (0, {@link #MAX_BOOST}].
     */
    public static HotWords of(Map<String, Double> phrases) {
        if (phrases.size() > MAX_ENTRIES) throw new IllegalArgumentException(phrases.size() + " hot words; at most " + MAX_ENTRIES);
        Map<String, Double> clean = new LinkedHashMap<>();
        phrases.forEach((raw, boost) -> {
            String phrase = raw.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
            if (phrase.isEmpty()) throw new IllegalArgumentException("empty hot word");
            if (phrase.length() > MAX_ENTRY_CHARS) {
                throw new IllegalArgumentException("hot word '" + phrase.substring(0, 20) + "...' is longer than " + MAX_ENTRY_CHARS + " characters");
            }
            if (!phrase.matches("[a-z' ]+")) {
                throw new IllegalArgumentException("hot word '" + phrase + "' has characters outside a-z, apostrophe and space (spell numbers as words)");
            }
            if (!(boost > 0 && boost <= MAX_BOOST)) {
                throw new IllegalArgumentException("hot word '" + phrase + "': boost " + boost + " is outside (0, " + MAX_BOOST + "]");
            }
            clean.put(phrase, boost);
        });
        return clean.isEmpty() ? NONE : new HotWords(clean);
    }

    /**
     * Parses entries separated by {@code separator} (a newline in a file, a comma in a chunk header), each a word or
     * phrase optionally followed by {@code :BOOST} (default {@link #DEFAULT_BOOST}); blank entries and lines starting
     * with {@code #} are skipped.
     */
    public static HotWords parse(String text, char separator) {
        Map<String, Double> phrases = new LinkedHashMap<>();
        for (String entry : text.split(Pattern.quote(String.valueOf(separator)))) {
            String e = entry.strip();
            if (e.isEmpty() || e.startsWith("#")) continue;
            int colon = e.lastIndexOf(':');
            double boost = DEFAULT_BOOST;
            if (colon >= 0) {
                try {
                    boost = Double.parseDouble(e.substring(colon + 1).strip());
                } catch (NumberFormatException x) {
                    throw new IllegalArgumentException("hot word '" + e.substring(0, colon).strip() + "': boost '"
                            + e.substring(colon + 1).strip() + "' is not a number");
                }
                e = e.substring(0, colon);
            }
            phrases.put(e, boost);
        }
        return of(phrases);
    }

    /**
     * These hot words and {@code more}'s; where both name a phrase, {@code more}'s boost. Not bounded again: a
     * recogniser's own and a stream's are each bounded, and a stream must not fail for what the two add up to.
     */
    public HotWords with(HotWords more) {
        if (more.isEmpty()) return this;
        if (isEmpty()) return more;
        Map<String, Double> all = new LinkedHashMap<>(entries);
        all.putAll(more.entries);
        return new HotWords(all);
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    public Map<String, Double> entries() {
        return entries;
    }

    /** The text {@link #parse} reads back with the same separator. */
    public String format(char separator) {
        List<String> parts = new ArrayList<>();
        entries.forEach((p, b) -> parts.add(p + ":" + b));
        return String.join(String.valueOf(separator), parts);
    }

    /** What the last letter of {@code prefix} (the open word so far) earns. */
    double letter(String prefix) {
        return letterBonus.getOrDefault(prefix, 0.0);
    }

    /** The bonus the letters of {@code word} earned while it was spelt. */
    double spelt(String word) {
        double sum = 0;
        for (int i = 1; i <= word.length(); i++) {
            Double b = letterBonus.get(word.substring(0, i));
            if (b == null) break;
            sum += b;
        }
        return sum;
    }

    /** True when {@code word}, after {@code previous} (null at the start), is a hot word that keeps its bonus. */
    boolean keeps(String previous, String word) {
        Set<String> before = after.get(word);
        return before != null && (before.isEmpty() || before.contains(previous));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HotWords h && h.entries.equals(entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        return "HotWords" + entries;
    }
}
