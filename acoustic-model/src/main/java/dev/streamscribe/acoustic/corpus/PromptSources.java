package dev.streamscribe.acoustic.corpus;

import dev.streamscribe.acoustic.model.Alphabet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * English prompt sentences from Debian's text packages: fortunes, WordNet usage examples and definitions, the King
 * James Bible and Jane Austen's novels. Sense and Sensibility and the Harvard sentences are held out for evaluation,
 * so they are never returned.
 */
public final class PromptSources {
    /** A normalised prompt and the package it came from. */
    public record Prompt(String text, String source) {}

    private static final String WORDNET_SOURCE = "wordnet";
    private static final String FORTUNES_SOURCE = "fortunes";
    private static final String AUSTEN_SOURCE = "austen";
    private static final String BIBLE_SOURCE = "bible-kjv";
    private static final String GLOSS_SOURCE = "wordnet-glosses";
    /**
     * The sources read unless others are asked for: every shipped model's corpus and the shipped language model were
     * made from these, so the same settings still give the same prompts.
     */
    public static final List<String> DEFAULT_SOURCES = List.of(WORDNET_SOURCE, FORTUNES_SOURCE, AUSTEN_SOURCE,
            BIBLE_SOURCE);
    /**
     * The names {@link Prompt#source()} takes, in the order {@link #all()} reads them. WordNet's definitions come last
     * so that adding them leaves the other sources' prompts as they were; they bring the concrete everyday words
     * (canoe, glue, plank) that the novels, the Bible and the fortunes seldom use.
     */
    public static final List<String> SOURCES = List.of(WORDNET_SOURCE, FORTUNES_SOURCE, AUSTEN_SOURCE, BIBLE_SOURCE,
            GLOSS_SOURCE);

    private static final Path FORTUNES = Path.of("/usr/share/games/fortunes");
    private static final Path WORDNET = Path.of("/usr/share/wordnet");
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?;:])\\s+");
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]{10,200})\"");
    /** Abbreviations a synthesiser reads otherwise than their letters, so the audio would not match the text. */
    private static final Pattern ABBREVIATION = Pattern.compile("\\b(?:e\\.g|i\\.e|etc|esp|usu)\\.");

    private final int minWords;
    private final int maxWords;
    private final Set<String> sources;

    /** Prompts of {@code minWords} to {@code maxWords} words from {@code sources}, names of {@link #SOURCES}. */
    public PromptSources(int minWords, int maxWords, Collection<String> sources) {
        sources.forEach(PromptSources::requireKnown);
        this.minWords = minWords;
        this.maxWords = maxWords;
        this.sources = Set.copyOf(sources);
    }

    /** A comma-separated list of source names, e.g. {@code wordnet,wordnet-glosses}; a blank one names none. */
    public static List<String> parse(String csv) {
        List<String> out = new ArrayList<>();
        for (String s : csv.split(",")) {
            if (!s.isBlank()) out.add(requireKnown(s.strip()));
        }
        return List.copyOf(out);
    }

    private static String requireKnown(String source) {
        if (!SOURCES.contains(source)) {
            throw new IllegalArgumentException("unknown text source '" + source + "'; known: " + String.join(", ", SOURCES));
        }
        return source;
    }

    /** Every usable prompt, de-duplicated, in a fixed order; Harvard sentences removed. */
    public List<Prompt> all() throws IOException {
        Set<String> heldOut = new HashSet<>();
        for (String h : harvardSentences()) heldOut.add(Alphabet.normalise(h));
        Set<String> seen = new LinkedHashSet<>();
        List<Prompt> out = new ArrayList<>();
        for (String source : SOURCES) {
            if (sources.contains(source)) collect(out, seen, heldOut, source, read(source));
        }
        return out;
    }

    private static List<String> read(String source) throws IOException {
        return switch (source) {
            case WORDNET_SOURCE -> wordnetExamples();
            case FORTUNES_SOURCE -> splitSentences(fortunes());
            case AUSTEN_SOURCE -> splitSentences(austen());
            case BIBLE_SOURCE -> splitSentences(bible());
            case GLOSS_SOURCE -> wordnetDefinitions();
            default -> throw new IllegalArgumentException(source);
        };
    }

    private void collect(List<Prompt> out, Set<String> seen, Set<String> heldOut, String source, List<String> raw) {
        for (String r : raw) {
            String t = Alphabet.normalise(r);
            int words = t.isEmpty() ? 0 : t.split(" ").length;
            if (words < minWords || words > maxWords || heldOut.contains(t) || !seen.add(t)) continue;
            out.add(new Prompt(t, source));
        }
    }

    /**
     * Sentences go wholly to train or dev by a hash of their text, so no dev sentence is ever trained on, by the
     * acoustic model or by the language model.
     */
    public static String split(String text, double devFraction) {
        long h = text.hashCode() & 0xffffffffL;
        return (h % 10_000) < devFraction * 10_000 ? ManifestEntry.DEV : ManifestEntry.TRAIN;
    }

    /** The 720 Harvard sentences of R's stringr package: evaluation only. */
    public static List<String> harvardSentences() throws IOException {
        return rscript("library(stringr); writeLines(sentences)");
    }

    private static List<String> austen() throws IOException {
        // sensesensibility is reserved for evaluation
        return List.of(String.join(" ", rscript("library(janeaustenr); b <- austen_books(); "
                + "writeLines(b$text[b$book != 'Sense & Sensibility'])")));
    }

    private static List<String> bible() throws IOException {
        List<String> verses = new ArrayList<>();
        for (String line : run(List.of("bible", "-f", "Ge1:1-Re22:21"))) {
            int space = line.indexOf(' ');
            if (space > 0) verses.add(line.substring(space + 1));
        }
        return verses;
    }

    private static List<String> fortunes() throws IOException {
        List<String> texts = new ArrayList<>();
        if (!Files.isDirectory(FORTUNES)) return texts;
        try (Stream<Path> files = Files.list(FORTUNES)) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString();
                if (name.contains(".") || Files.isDirectory(f) || Files.isSymbolicLink(f)) continue;
                String all = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                for (String fortune : all.split("\n%\n")) {
                    // attributions ("-- Author") and indented verse layout are not prose
                    texts.add(fortune.replaceAll("(?m)^\\s*--.*$", "").replace('\n', ' '));
                }
            }
        }
        return texts;
    }

    private static List<String> wordnetExamples() throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : wordnetSynsets()) {
            Matcher m = QUOTED.matcher(line);
            while (m.find()) out.add(m.group(1));
        }
        return out;
    }

    private static List<String> wordnetDefinitions() throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : wordnetSynsets()) definition(line).ifPresent(out::add);
        return out;
    }

    /**
     * A synset's definition: its gloss up to the first quoted usage example (which {@link #wordnetExamples} reads);
     * none if it has no gloss or uses an abbreviation a synthesiser would not spell out.
     */
    static Optional<String> definition(String synsetLine) {
        int bar = synsetLine.indexOf(" | ");
        if (bar < 0) return Optional.empty();
        String gloss = synsetLine.substring(bar + 3);
        int quote = gloss.indexOf('"');
        String definition = (quote < 0 ? gloss : gloss.substring(0, quote)).strip();
        return definition.isEmpty() || ABBREVIATION.matcher(definition).find() ? Optional.empty() : Optional.of(definition);
    }

    /** The lines of WordNet's data files, one synset each. */
    private static List<String> wordnetSynsets() throws IOException {
        List<String> out = new ArrayList<>();
        for (String part : List.of("noun", "verb", "adj", "adv")) {
            Path f = WORDNET.resolve("data." + part);
            if (!Files.exists(f)) continue;
            for (String line : Files.readAllLines(f, StandardCharsets.ISO_8859_1)) {
                if (!line.startsWith("  ")) out.add(line); // the rest is the licence header
            }
        }
        return out;
    }

    private static List<String> splitSentences(List<String> texts) {
        List<String> out = new ArrayList<>();
        for (String t : texts) {
            for (String s : SENTENCE_END.split(t.replaceAll("\\s+", " "))) out.add(s);
        }
        return out;
    }

    private static List<String> rscript(String code) throws IOException {
        return run(List.of("Rscript", "-e", code));
    }

    static List<String> run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String> lines;
        try (var r = p.inputReader(StandardCharsets.UTF_8)) {
            lines = r.lines().toList();
        }
        try {
            if (p.waitFor() != 0) throw new IOException(String.join(" ", command.subList(0, 1)) + " failed (exit "
                    + p.exitValue() + "); is its Debian package installed?");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return lines;
    }
}
