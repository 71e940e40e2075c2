package dev.streamscribe.ingest.reprocess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The files of an archive to reprocess: every audio file under a folder (recursively, in path order), or the files
 * a list names, one per line. {@code root} is where relative names start: the folder, or the list's folder.
 */
public record ArchiveInputs(Path root, List<Path> files, List<Path> ignored) {
    /**
     * What a folder walk picks up. WAV, FLAC, MP3, Ogg and Opus are read; the other audio formats are picked up too so
     * that each gets a failure line saying it was not transcribed, rather than vanishing. Anything else (refs.tsv, notes,
     * cover images) is ignored, as are hidden files such as macOS's "._x.wav" resource forks.
     */
    static final Set<String> AUDIO_EXTENSIONS = Set.of("wav", "wave", "flac",
            "mp3", "ogg", "oga", "opus", "m4a", "aac", "aif", "aiff", "wma", "webm", "amr");

    /** A folder's audio files, or the files a list names (relative lines are relative to the list's folder). */
    public static ArchiveInputs of(Path dirOrList) throws IOException {
        if (Files.isDirectory(dirOrList)) return walk(dirOrList);
        if (Files.isRegularFile(dirOrList)) return list(dirOrList);
        throw new NoSuchFileException(dirOrList + " (neither a folder nor a list file)");
    }

    private static ArchiveInputs walk(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        List<Path> ignored = new ArrayList<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.filter(Files::isRegularFile).sorted().toList()) {
                (isAudioName(p) ? files : ignored).add(p);
            }
        }
        return new ArchiveInputs(dir, files, ignored);
    }

    private static ArchiveInputs list(Path listFile) throws IOException {
        Path base = listFile.toAbsolutePath().getParent();
        List<Path> files = new ArrayList<>();
        for (String line : Files.readAllLines(listFile)) {
            String name = line.strip();
            if (name.isEmpty() || name.startsWith("#")) continue;
            files.add(base.resolve(name));
        }
        return new ArchiveInputs(base, files, List.of());
    }

    static boolean isAudioName(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return !name.startsWith(".") && dot > 0 && AUDIO_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** The file's path from the root with '/' separators: a stable stream id for it. */
    public String relativeName(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        Path r = root.toAbsolutePath().normalize();
        Path rel = abs.startsWith(r) ? r.relativize(abs) : abs;
        return rel.toString().replace('\\', '/');
    }
}
