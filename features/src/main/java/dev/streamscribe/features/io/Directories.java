package dev.streamscribe.features.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/** The scratch folders commands make (an unpacked model, an embedded broker's logs) are removed when done. */
public final class Directories {
    private Directories() {}

    /** Deletes a folder with everything in it; nothing if it does not exist. */
    public static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
