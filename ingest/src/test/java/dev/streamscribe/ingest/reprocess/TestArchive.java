package dev.streamscribe.ingest.reprocess;

import dev.streamscribe.ingest.TestAudio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** An archive folder as found in the wild: good WAV and FLAC in subfolders, broken files, and non-audio files beside them. */
final class TestArchive {
    static final List<String> GOOD = List.of("report.wav", "calls/report.flac", "calls/2026/weather.WAV");
    static final List<String> BROKEN = List.of("calls/cut.wav", "notes.wav", "calls/voicemail.mp3");

    private TestArchive() {}

    static Path create(Path root) throws IOException {
        Files.createDirectories(root.resolve("calls/2026"));
        Files.copy(TestAudio.path(TestAudio.REPORT), root.resolve("report.wav"));
        Files.copy(TestAudio.path("report.flac"), root.resolve("calls/report.flac")); // sox report.wav report.flac
        Files.copy(TestAudio.path(TestAudio.WEATHER_8K), root.resolve("calls/2026/weather.WAV"));
        byte[] wav = Files.readAllBytes(TestAudio.path(TestAudio.REPORT));
        Files.write(root.resolve("calls/cut.wav"), Arrays.copyOf(wav, wav.length / 3));
        Files.writeString(root.resolve("notes.wav"), "call notes: the customer wants a refund\n");
        Files.write(root.resolve("calls/voicemail.mp3"), new byte[] {'I', 'D', '3', 4, 0, 0, 0, 0, 0, 0, 1, 2});
        Files.writeString(root.resolve("refs.tsv"), "report.wav\tplease send the report\n");
        Files.write(root.resolve("calls/._report.flac"), new byte[] {0, 5, 22, 7}); // a macOS resource fork
        return root;
    }
}
