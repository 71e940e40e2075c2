package dev.streamscribe.ingest.reprocess;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * The JSON lines a run writes, one object per file, each with a {@code file} field. Opened on an existing file it
 * first reads what earlier runs finished, so that a rerun skips those files: the log is the run's only state,
 * which makes a killed run resumable by running it again. Lines are written whole and flushed one at a time, so
 * a kill loses at most the line being written.
 */
public final class ResultLog implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Files finished by earlier runs (absolute, normalised) and whether they failed. */
    private final Map<Path, Boolean> earlier;
    private final OutputStream out;
    private final boolean ownsOut;

    private ResultLog(Map<Path, Boolean> earlier, OutputStream out, boolean ownsOut) {
        this.earlier = earlier;
        this.out = out;
        this.ownsOut = ownsOut;
    }

    /** A log file, created if missing, appended to if present. */
    public static ResultLog open(Path file) throws IOException {
        Map<Path, Boolean> earlier = new HashMap<>();
        if (Files.exists(file)) {
            dropPartialLastLine(file);
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                JsonNode n = parse(line);
                Path key = n == null || !n.path("file").isTextual() ? null : key(n.get("file").asText());
                if (key != null) earlier.put(key, n.has("error"));
            }
        }
        OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return new ResultLog(earlier, out, true);
    }

    /** Lines to a stream (standard output) with nothing from earlier runs. */
    public static ResultLog to(OutputStream out) {
        return new ResultLog(Map.of(), out, false);
    }

    /** A line cut short by a kill cannot be read; cutting it off lets the next line start on a line of its own. */
    private static void dropPartialLastLine(Path file) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            long end = f.length();
            long keep = end;
            while (keep > 0) {
                f.seek(keep - 1);
                if (f.read() == '\n') break;
                keep--;
            }
            if (keep < end) f.setLength(keep);
        }
    }

    private static JsonNode parse(String line) {
        try {
            return line.isBlank() ? null : JSON.readTree(line);
        } catch (IOException e) {
            return null; // not ours; it does not count as a finished file
        }
    }

    private static Path key(String file) {
        try {
            return Path.of(file).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /** Whether an earlier run finished this file, successfully or not. */
    public boolean finishedEarlier(Path file) {
        return earlier.containsKey(key(file.toString()));
    }

    /** Whether an earlier run recorded a failure for this file. */
    public boolean failedEarlier(Path file) {
        return earlier.getOrDefault(key(file.toString()), false);
    }

    public synchronized void append(Map<String, Object> line) throws IOException {
        out.write(JSON.writeValueAsBytes(line));
        out.write('\n');
        out.flush();
    }

    @Override
    public void close() throws IOException {
        if (ownsOut) out.close();
    }
}
