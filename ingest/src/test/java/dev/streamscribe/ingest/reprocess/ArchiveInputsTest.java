package dev.streamscribe.ingest.reprocess;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ArchiveInputsTest {
    @TempDir
    Path dir;

    @Test
    void aFolderGivesItsAudioFilesRecursivelyInPathOrderAndIgnoresTheRest() throws Exception {
        Path root = TestArchive.create(dir.resolve("archive"));
        ArchiveInputs in = ArchiveInputs.of(root);
        assertEquals(List.of("calls/2026/weather.WAV", "calls/cut.wav", "calls/report.flac", "calls/voicemail.mp3",
                "notes.wav", "report.wav"), in.files().stream().map(in::relativeName).toList());
        assertEquals(List.of("calls/._report.flac", "refs.tsv"), in.ignored().stream().map(in::relativeName).toList());
    }

    @Test
    void aListNamesFilesRelativeToItsFolderWithCommentsAndBlankLines() throws Exception {
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere")).resolve("b.flac");
        Path list = Files.writeString(dir.resolve("batch.txt"), "# monday's calls\na.wav\n\n  sub/c.wav  \n" + elsewhere + "\n");
        ArchiveInputs in = ArchiveInputs.of(list);
        assertEquals(List.of(dir.resolve("a.wav"), dir.resolve("sub/c.wav"), elsewhere), in.files());
        assertEquals(List.of("a.wav", "sub/c.wav", "elsewhere/b.flac"), in.files().stream().map(in::relativeName).toList());
    }

    @Test
    void aMissingInputIsAnError() {
        assertThrows(NoSuchFileException.class, () -> ArchiveInputs.of(dir.resolve("nope")));
    }
}
