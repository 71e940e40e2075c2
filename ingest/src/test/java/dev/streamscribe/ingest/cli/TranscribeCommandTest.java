package dev.streamscribe.ingest.cli;

import dev.streamscribe.acoustic.training.ErrorRate;
import dev.streamscribe.features.audio.Audio;
import dev.streamscribe.features.audio.PcmFormat;
import dev.streamscribe.ingest.TestAudio;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TranscribeCommandTest {
    @Test
    void badFilesAreReportedOneLineEachAndTheOthersStillTranscribed(@TempDir Path dir) throws Exception {
        Path notAudio = Files.writeString(dir.resolve("notes.wav"), "not audio");
        String good = TestAudio.path(TestAudio.REPORT).toString();
        CliRun run = CliRun.of("transcribe", dir.resolve("missing.wav").toString(), notAudio.toString(), good);

        assertEquals(1, run.exitCode(), "some files failed");
        List<String> errors = run.stderr().lines().filter(l -> l.startsWith("asr transcribe: ")).toList();
        assertEquals(2, errors.size(), run.stderr());
        assertTrue(errors.get(0).contains("missing.wav: no such file"), errors.get(0));
        assertTrue(errors.get(1).contains("notes.wav"), errors.get(1));
        List<String> lines = run.stdout().lines().toList();
        assertEquals(1, lines.size(), run.stdout());
        assertTrue(lines.get(0).startsWith(good + "\t") && lines.get(0).length() > good.length() + 5, lines.get(0));
    }

    @Test
    void onlyMissingFilesFailBeforeTheModelLoads() {
        CliRun run = CliRun.of("transcribe", "no-such-1.wav", "no-such-2.wav");
        assertEquals(2, run.exitCode());
        assertEquals("asr transcribe: no-such-1.wav: no such file\nasr transcribe: no-such-2.wav: no such file",
                run.stderr().strip());
    }

    /**
     * Telephone audio: 8-bit mu-law and a-law WAVs, as sox writes them, are transcribed exactly as the 16-bit WAVs
     * that sox decodes them to. (Against the 8 kHz linear recording they differ by a few words: companding noise
     * alone moves this model's transcript, which the decoding cannot help.)
     */
    @Test
    void muLawAndALawFilesReadAsSoxDecodesThem(@TempDir Path dir) throws Exception {
        Path source = TestAudio.path(TestAudio.REPORT);
        for (String encoding : List.of("u-law", "a-law")) {
            Path companded = dir.resolve(encoding + ".wav");
            Path decoded = dir.resolve(encoding + "-decoded.wav");
            sox(source.toString(), "-r", "8000", "-e", encoding, "-b", "8", companded.toString());
            sox(companded.toString(), "-e", "signed-integer", "-b", "16", decoded.toString());
            CliRun ours = CliRun.of("transcribe", companded.toString());
            CliRun reference = CliRun.of("transcribe", decoded.toString());
            assertEquals(0, ours.exitCode(), ours.stderr());
            assertTrue(words(ours.stdout()).size() >= 5, encoding + " is transcribed: " + ours.stdout());
            assertEquals(reference.stdout(), ours.stdout(), encoding);
        }
    }

    private static void sox(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("sox"));
        command.addAll(List.of(args));
        assertEquals(0, new ProcessBuilder(command).inheritIO().start().waitFor(), String.join(" ", command));
    }

    /** MP3 (sox, 32 kbit/s), Ogg Vorbis (sox) and Ogg Opus (opusenc, 24 kbit/s) of the same recording read as the WAV. */
    @Test
    void compressedFilesGiveTheWavsTranscript() {
        Path wav = TestAudio.path(TestAudio.REPORT);
        List<String> expected = words(CliRun.of("transcribe", wav.toString()).stdout());
        assertTrue(expected.size() >= 5, expected.toString());
        for (String ext : List.of("mp3", "ogg", "opus")) {
            Path compressed = wav.resolveSibling("report." + ext);
            CliRun run = CliRun.of("transcribe", compressed.toString());
            assertEquals(0, run.exitCode(), run.stderr());
            assertTrue(ErrorRate.distance(expected, words(run.stdout())) <= 1, ext + ": " + run.stdout() + " vs " + expected);
        }
    }

    @Test
    void standardInputIsTranscribedAsItArrivesLikeTheFile() throws Exception {
        Path file = TestAudio.path(TestAudio.REPORT);
        String expected = CliRun.of("transcribe", "--lm", "none", file.toString()).stdout().strip();
        Audio audio = TestAudio.read(TestAudio.REPORT);
        byte[] raw = PcmFormat.toS16le(audio.samples(), 0, audio.samples().length);

        CliRun run = CliRun.withStdin(raw, "transcribe", "--lm", "none", "--rate", Integer.toString(audio.sampleRate()), "-");
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(expected, String.join(" ", run.stdout().strip().lines().toList()), "finals, one per line");

        CliRun wav = CliRun.withStdin(Files.readAllBytes(file), "transcribe", "--lm", "none", "--jsonl", "-");
        assertTrue(wav.stdout().contains("\"file\":\"stdin\"") && wav.stdout().contains("\"text\":\"" + expected + "\""),
                "a WAV header on standard input sets the layout: " + wav.stdout());
    }

    @Test
    void subtitlesHoldEveryWordOfTheTranscriptInTimedCues(@TempDir Path dir) throws Exception {
        Path file = TestAudio.path(TestAudio.REPORT);
        String text = CliRun.of("transcribe", "--lm", "none", file.toString()).stdout().strip();
        CliRun srt = CliRun.of("transcribe", "--lm", "none", "--output", "srt", file.toString());
        assertEquals(0, srt.exitCode(), srt.stderr());
        List<String> cueWords = new ArrayList<>();
        for (String line : srt.stdout().lines().toList()) {
            if (line.isBlank() || line.matches("\\d+") || line.contains(" --> ")) continue;
            cueWords.addAll(words(line));
        }
        assertTrue(srt.stdout().startsWith("1\n00:00:0"), srt.stdout());
        assertEquals(words(text), cueWords);

        Path a = Files.copy(file, dir.resolve("a.wav"));
        Path b = Files.copy(file, dir.resolve("b.wav"));
        CliRun two = CliRun.of("transcribe", "--lm", "none", "--output", "vtt", a.toString(), b.toString());
        assertEquals(0, two.exitCode(), two.stderr());
        for (Path p : List.of(a, b)) {
            assertTrue(Files.readString(Path.of(p + ".vtt")).startsWith("WEBVTT\n\n00:00:0"), "several inputs: NAME.vtt beside each");
        }
    }

    private static List<String> words(String text) {
        return text.isBlank() ? List.of() : List.of(text.strip().split("\\s+"));
    }
}
