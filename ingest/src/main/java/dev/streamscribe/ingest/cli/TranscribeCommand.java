package dev.streamscribe.ingest.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamscribe.features.audio.AudioFormatException;
import dev.streamscribe.ingest.recognizer.FileTranscriber;
import dev.streamscribe.ingest.recognizer.Recognizer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code ./asr transcribe [--jsonl] FILE...}: offline transcription through the stream recogniser. */
final class TranscribeCommand implements Command {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String name() {
        return "transcribe";
    }

    @Override
    public String summary() {
        return "transcribe WAV or FLAC files offline";
    }

    @Override
    public String usage() {
        return "usage: ./asr transcribe [--jsonl] [options] FILE...\n"
                + "  --jsonl              one JSON object per file: file, text, words, audioMs, processingMs\n"
                + RecognizerOptions.HELP + "\n"
                + "A file that cannot be read or decoded gets a one-line error; the others are still transcribed and the\n"
                + "exit code is 1 (2 when no file could be read).";
    }

    @Override
    public int run(Options o) throws Exception {
        if (o.positional().isEmpty()) throw new UsageException("no input files (usage: ./asr transcribe [--jsonl] FILE...)");
        boolean jsonl = o.flag("jsonl");
        // missing files are reported before the model loads (seconds), and a bad file does not stop the others
        List<Path> files = new ArrayList<>();
        int failed = 0;
        for (String f : o.positional()) {
            Path file = Path.of(f);
            if (Files.isRegularFile(file) && Files.isReadable(file)) {
                files.add(file);
            } else {
                System.err.println("asr transcribe: " + f + ": " + (Files.exists(file) ? "not a readable file" : "no such file"));
                failed++;
            }
        }
        if (files.isEmpty()) return 2;
        try (Recognizer recognizer = Recognizer.create(RecognizerOptions.from(o))) {
            FileTranscriber t = new FileTranscriber(recognizer);
            for (Path file : files) {
                FileTranscriber.FileTranscript r;
                try {
                    r = t.transcribe(file);
                } catch (AudioFormatException e) {
                    System.err.println("asr transcribe: " + e.getMessage());
                    failed++;
                    continue;
                }
                if (jsonl) {
                    System.out.println(JSON.writeValueAsString(r.jsonFields()));
                } else {
                    System.out.println(o.positional().size() == 1 ? r.text() : r.file() + "\t" + r.text());
                }
            }
        }
        return failed == 0 ? 0 : 1;
    }
}
