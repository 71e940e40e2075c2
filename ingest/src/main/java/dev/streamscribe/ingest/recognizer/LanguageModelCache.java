package dev.streamscribe.ingest.recognizer;

import dev.streamscribe.decoder.lm.ArpaModel;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;

/**
 * Word LMs parsed once: parsing the shipped ARPA text takes a second or two at every start, its binary form
 * ({@link ArpaModel#writeBinary}) loads in a fraction of that. The binary copy lives in the user's cache folder
 * ({@code $XDG_CACHE_HOME/streamscribe}, else {@code ~/.cache/streamscribe}) under the SHA-256 of the ARPA bytes, so
 * a changed file is never answered by a stale copy. A cache that cannot be read or written is passed over.
 */
final class LanguageModelCache {
    private final Path dir;

    LanguageModelCache(Path dir) {
        this.dir = dir;
    }

    static LanguageModelCache inUserCache() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return new LanguageModelCache(base.resolve("streamscribe"));
    }

    /** The model of these ARPA bytes (gzipped or not); {@code name} is used in parse errors. */
    ArpaModel load(byte[] arpa, String name) throws IOException {
        Path cached = dir.resolve("lm-" + sha256(arpa) + ".bin");
        if (Files.isRegularFile(cached)) {
            try (InputStream in = Files.newInputStream(cached)) {
                return ArpaModel.readBinary(in);
            } catch (IOException damaged) {
                // parsed again below and written anew
            }
        }
        ArpaModel model;
        try (InputStream raw = new ByteArrayInputStream(arpa);
             InputStream text = isGzip(arpa) ? new GZIPInputStream(raw, 1 << 16) : raw) {
            model = ArpaModel.read(new InputStreamReader(text, StandardCharsets.UTF_8), name);
        }
        store(model, cached);
        return model;
    }

    private void store(ArpaModel model, Path cached) {
        try {
            Files.createDirectories(dir);
            Path partial = Files.createTempFile(dir, "lm-", ".partial");
            try (OutputStream out = Files.newOutputStream(partial)) {
                model.writeBinary(out);
            }
            Files.move(partial, cached, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            // a read-only or full cache costs the next start a parse, nothing else
        }
    }

    private static boolean isGzip(byte[] b) {
        return b.length > 1 && (b[0] & 0xff) == 0x1f && (b[1] & 0xff) == 0x8b;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
