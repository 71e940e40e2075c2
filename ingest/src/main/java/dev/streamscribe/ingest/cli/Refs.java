package dev.streamscribe.ingest.cli;

import dev.streamscribe.acoustic.corpus.Manifest;
import dev.streamscribe.acoustic.corpus.ManifestEntry;
import dev.streamscribe.acoustic.model.Alphabet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reference transcripts to score against: a folder's {@code refs.tsv} (audio path, relative to the folder or
 * absolute, TAB reference text), or the dev split of a corpus {@code manifest.jsonl}.
 */
record Refs(Path dir, List<Ref> refs) {
    static final int DEV_LIMIT = 300;

    record Ref(String file, String text) {}

    /** {@code source} is a folder with refs.tsv or a manifest.jsonl, of which the first {@code devLimit} dev utterances count. */
    static Refs read(Path source, int devLimit) throws IOException {
        if (Files.isRegularFile(source) && source.getFileName().toString().endsWith(".jsonl")) {
            List<Ref> dev = Manifest.read(source).stream().filter(e -> e.split().equals(ManifestEntry.DEV)).limit(devLimit)
                    .map(e -> new Ref(e.audio(), Alphabet.normalise(e.text()))).toList();
            if (dev.isEmpty()) throw new UsageException(source + " has no dev utterances");
            return new Refs(source.toAbsolutePath().getParent(), dev);
        }
        Path dir = source;
        Path tsv = dir.resolve("refs.tsv");
        if (!Files.exists(tsv)) throw new UsageException(tsv + " does not exist");
        List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
        for (String line : lines) if (line.indexOf('\t') < 0) throw new UsageException(tsv + ": line without a TAB: " + line);
        return new Refs(dir, lines.stream().map(l -> {
            int tab = l.indexOf('\t');
            return new Ref(l.substring(0, tab), Alphabet.normalise(l.substring(tab + 1)));
        }).toList());
    }

    Path path(Ref ref) {
        return dir.resolve(ref.file());
    }
}
