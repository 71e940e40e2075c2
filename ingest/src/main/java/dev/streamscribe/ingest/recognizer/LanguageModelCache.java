package dev.streamscribe.ingest.recognizer;

import dev.streamscribe.decoder.lm.ArpaModel;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

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

    /** The model of these ARPA bytes, gzipped if {@code name} ends in {@code .gz}; {@code name} is used in parse errors. */
    ArpaModel load(byte[] arpa, String name) throws IOException {
        Path cached = dir.resolve("lm-" + sha256(arpa) + ".bin");
        if (Files.isRegularFile(cached)) {
            try (InputStream in = Files.newInputStream(cached)) {
                return ArpaModel.readBinary(in);
            } catch (IOException damaged) {
                // parsed again below and written anew
            }
        }
        ArpaModel model = ArpaModel.parse(arpa, name);
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

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
