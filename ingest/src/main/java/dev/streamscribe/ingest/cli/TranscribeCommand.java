package dev.streamscribe.ingest.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamscribe.ingest.recognizer.FileTranscriber;
import dev.streamscribe.ingest.recognizer.Recognizer;

import java.nio.file.Path;

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
                + RecognizerOptions.HELP;
    }

    @Override
    public int run(Options o) throws Exception {
        if (o.positional().isEmpty()) throw new UsageException("no input files (usage: ./asr transcribe [--jsonl] FILE...)");
        boolean jsonl = o.flag("jsonl");
        try (Recognizer recognizer = Recognizer.create(RecognizerOptions.from(o))) {
            FileTranscriber t = new FileTranscriber(recognizer);
            for (String f : o.positional()) {
                FileTranscriber.FileTranscript r = t.transcribe(Path.of(f));
                if (jsonl) {
                    System.out.println(JSON.writeValueAsString(r.jsonFields()));
                } else {
                    System.out.println(o.positional().size() == 1 ? r.text() : r.file() + "\t" + r.text());
                }
            }
        }
        return 0;
    }
}
