package dev.streamscribe.acoustic.corpus;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/** Reads and appends corpus manifests (one JSON object per line). */
public final class Manifest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Manifest() {}

    public static List<ManifestEntry> read(Path file) throws IOException {
        List<ManifestEntry> out = new ArrayList<>();
        if (!Files.exists(file)) return out;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            // a line cut short by a crash is dropped; its utterance is rendered again on resume
            if (line.isBlank() || !line.endsWith("}")) continue;
            out.add(JSON.readValue(line, ManifestEntry.class));
        }
        return out;
    }

    /** Appends entries one line each; safe to call from several threads. */
    public static final class Appender implements AutoCloseable {
        private final BufferedWriter out;

        public Appender(Path file) throws IOException {
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }

        public synchronized void append(ManifestEntry e) throws IOException {
            out.write(JSON.writeValueAsString(e));
            out.write('\n');
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
