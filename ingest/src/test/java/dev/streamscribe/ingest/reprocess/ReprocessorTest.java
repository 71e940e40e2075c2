package dev.streamscribe.ingest.reprocess;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamscribe.ingest.TestAudio;
import dev.streamscribe.ingest.recognizer.FileTranscriber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReprocessorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @TempDir
    Path dir;

    private final FileTranscriber transcriber = new FileTranscriber(TestAudio.recognizer());
    private final AtomicInteger transcribed = new AtomicInteger();
    /** The real job, counting the files it is given. */
    private final FileJob job = f -> {
        transcribed.incrementAndGet();
        return new TranscribeJob(transcriber).process(f);
    };

    private Summary reprocess(Path root, Path out) throws Exception {
        try (ResultLog log = ResultLog.open(out)) {
            return new Reprocessor(job, 2, log, QUIET).run(ArchiveInputs.of(root).files());
        }
    }

    /** The output's lines by file name under the root; fails on a line that is not JSON or a file seen twice. */
    private static Map<String, JsonNode> lines(Path root, Path out) throws Exception {
        Map<String, JsonNode> byFile = new HashMap<>();
        for (String line : Files.readAllLines(out)) {
            JsonNode n = JSON.readTree(line);
            String name = root.relativize(Path.of(n.get("file").asText())).toString();
            assertFalse(byFile.containsKey(name), "two lines for " + name);
            byFile.put(name, n);
        }
        return byFile;
    }

    @Test
    void everyAudioFileGetsOneLineFailuresSayWhyAndTextsAreThoseOfFileTranscriber() throws Exception {
        Path root = TestArchive.create(dir.resolve("archive"));
        Path out = dir.resolve("out.jsonl");
        Summary s = reprocess(root, out);

        Map<String, JsonNode> lines = lines(root, out);
        assertEquals(6, lines.size());
        long audioMs = 0;
        for (String good : TestArchive.GOOD) {
            // one file at a time on this thread: what the parallel run must reproduce exactly
            FileTranscriber.FileTranscript alone = transcriber.transcribe(root.resolve(good));
            JsonNode line = lines.get(good);
            assertFalse(line.has("error"), good + ": " + line);
            assertEquals(alone.text(), line.get("text").asText(), good);
            assertEquals(JSON.readTree(JSON.writeValueAsString(alone.words())), line.get("words"), good);
            assertEquals(alone.audioMs(), line.get("audioMs").asLong());
            assertTrue(line.get("processingMs").isIntegralNumber());
            audioMs += alone.audioMs();
        }
        JsonNode firstWord = lines.get("report.wav").get("words").get(0);
        for (String field : List.of("word", "startMs", "endMs", "confidence")) assertTrue(firstWord.has(field), field);
        assertFalse(lines.get("report.wav").get("text").asText().isEmpty());
        assertEquals(lines.get("report.wav").get("text"), lines.get("calls/report.flac").get("text"), "FLAC is lossless");

        assertEquals("truncated data chunk (header says 93600 bytes, file has 31170)", lines.get("calls/cut.wav").get("error").asText());
        assertTrue(lines.get("notes.wav").get("error").asText().startsWith("unsupported format: text, not audio"));
        assertTrue(lines.get("calls/voicemail.mp3").get("error").asText().startsWith("no MP3 frames"));
        for (String bad : TestArchive.BROKEN) assertEquals(List.of("file", "error"), fieldNames(lines.get(bad)));

        assertEquals(new Summary(6, 0, 0, 6, 3, audioMs, s.elapsedMs()), s);
        assertFalse(s.allOk());
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> names = new ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void aRerunProcessesNothingNewAndAKilledRunResumesWhereItStopped() throws Exception {
        Path root = TestArchive.create(dir.resolve("archive"));
        Path out = dir.resolve("out.jsonl");
        reprocess(root, out);
        byte[] complete = Files.readAllBytes(out);

        transcribed.set(0);
        Summary again = reprocess(root, out);
        assertEquals(0, transcribed.get());
        assertEquals(new Summary(6, 6, 3, 0, 0, 0, again.elapsedMs()), again);
        assertFalse(again.allOk(), "the failures of the first run still stand");
        assertArrayEquals(complete, Files.readAllBytes(out));

        // killed after two files, in the middle of writing the third line
        List<String> written = Files.readAllLines(out);
        String cut = written.get(0) + "\n" + written.get(1) + "\n" + written.get(2).substring(0, 40);
        Files.writeString(out, cut, StandardCharsets.UTF_8);
        transcribed.set(0);
        Summary resumed = reprocess(root, out);
        assertEquals(4, transcribed.get());
        assertEquals(4, resumed.processed());
        List<String> after = Files.readAllLines(out);
        assertEquals(written.subList(0, 2), after.subList(0, 2), "finished lines are kept as they were");
        Set<String> all = new HashSet<>(TestArchive.GOOD);
        all.addAll(TestArchive.BROKEN);
        assertEquals(all, lines(root, out).keySet()); // the cut line is gone, every file has one line
        assertEquals(6, after.size());
    }

    @Test
    void anyExceptionBecomesTheFilesErrorLineAndTheRunGoesOn() throws Exception {
        Path out = dir.resolve("out.jsonl");
        FileJob flaky = f -> {
            if (f.getFileName().toString().equals("b.wav")) throw new IllegalStateException("model session closed");
            return new FileJob.Outcome(Map.of("file", f.toString(), "text", "ok"), 1000);
        };
        Summary s;
        try (ResultLog log = ResultLog.open(out)) {
            s = new Reprocessor(flaky, 3, log, QUIET).run(List.of(dir.resolve("a.wav"), dir.resolve("b.wav"), dir.resolve("c.wav")));
        }
        assertEquals(3, s.processed());
        assertEquals(1, s.failed());
        assertEquals(2000, s.audioMs());
        JsonNode b = lines(dir, out).get("b.wav");
        assertEquals("IllegalStateException: model session closed", b.get("error").asText());
    }
}
