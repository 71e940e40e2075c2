package dev.streamscribe.ingest.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamscribe.decoder.UtteranceResult;
import dev.streamscribe.features.audio.AudioFormatException;
import dev.streamscribe.ingest.live.PcmInput;
import dev.streamscribe.ingest.recognizer.FileTranscriber;
import dev.streamscribe.ingest.recognizer.FileTranscriber.FileTranscript;
import dev.streamscribe.ingest.recognizer.Recognizer;
import dev.streamscribe.ingest.subtitles.Subtitles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/** {@code ./asr transcribe [--output F] FILE...|-}: offline transcription through the stream recogniser. */
final class TranscribeCommand implements Command {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> OUTPUT_FORMATS = List.of("text", "jsonl", "srt", "vtt");

    @Override
    public String name() {
        return "transcribe";
    }

    @Override
    public String summary() {
        return "transcribe audio files (WAV, FLAC, MP3, Ogg Vorbis, Opus), or standard input, offline";
    }

    @Override
    public String usage() {
        return "usage: ./asr transcribe [options] FILE...   WAV (PCM, float, mu-law, a-law), FLAC, MP3, Ogg Vorbis, Opus\n"
                + "       ./asr transcribe [options] -         standard input as it arrives (WAV, or raw PCM)\n"
                + "  --output F           text (default), jsonl (one JSON object per input: file, text, words,\n"
                + "                       audioMs, processingMs), srt or vtt (subtitles, a cue per final or at most\n"
                + "                       7 s and 2 lines of 42 characters; with one input on standard output, with\n"
                + "                       several written beside each input as NAME.srt/.vtt)\n"
                + "  --jsonl              the same as --output jsonl\n"
                + RawPcmOptions.HELP + "\n"
                + RecognizerOptions.HELP + "\n"
                + "Standard input in text format prints each final line as soon as it is decided. A file that cannot be\n"
                + "read or decoded gets a one-line error; the others are still transcribed and the exit code is 1\n"
                + "(2 when no file could be read).";
    }

    @Override
    public int run(Options o) throws Exception {
        List<String> inputs = o.positional();
        if (inputs.isEmpty()) throw new UsageException("no input files (usage: ./asr transcribe [options] FILE... or -)");
        String format = o.get("output", o.flag("jsonl") ? "jsonl" : "text").toLowerCase(Locale.ROOT);
        if (o.flag("jsonl") && !format.equals("jsonl")) throw new UsageException("--jsonl and --output " + format + " contradict each other");
        if (!OUTPUT_FORMATS.contains(format)) {
            throw new UsageException("--output: unknown format '" + format + "' (" + String.join(", ", OUTPUT_FORMATS) + ")");
        }
        if (inputs.contains("-") && inputs.size() > 1) throw new UsageException("'-' (standard input) cannot be mixed with files");
        Output output = new Output(format, inputs.size() > 1);
        if (inputs.contains("-")) return transcribeStdin(o, output);
        // missing files are reported before the model loads (seconds), and a bad file does not stop the others
        List<Path> files = new ArrayList<>();
        int failed = 0;
        for (String f : inputs) {
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
                try {
                    output.write(t.transcribe(file), file);
                } catch (AudioFormatException e) {
                    System.err.println("asr transcribe: " + e.getMessage());
                    failed++;
                }
            }
        }
        return failed == 0 ? 0 : 1;
    }

    private static int transcribeStdin(Options o, Output output) throws IOException {
        PcmInput input = PcmInput.wavOrRaw(System.in, "stdin", RawPcmOptions.spec(o));
        try (input; Recognizer recognizer = Recognizer.create(RecognizerOptions.from(o))) {
            FileTranscript r = new FileTranscriber(recognizer).transcribe(input, output.live());
            output.write(r, null);
        }
        return 0;
    }

    /** Where and how a transcript is printed. */
    private record Output(String format, boolean severalInputs) {
        /** For live input in text format, each final as it comes; the whole transcript follows in the other formats. */
        Consumer<UtteranceResult> live() {
            if (!format.equals("text")) return r -> {};
            return r -> {
                if (!r.text().isEmpty()) System.out.println(r.text());
            };
        }

        void write(FileTranscript r, Path file) throws IOException {
            switch (format) {
                case "text" -> {
                    if (file != null) System.out.println(severalInputs ? r.file() + "\t" + r.text() : r.text());
                }
                case "jsonl" -> System.out.println(JSON.writeValueAsString(r.jsonFields()));
                default -> {
                    String subtitles = Subtitles.render(Subtitles.cues(r.utterances()), Subtitles.Format.of(format));
                    if (!severalInputs) {
                        System.out.print(subtitles);
                        return;
                    }
                    Path target = Path.of(file + "." + format);
                    Files.writeString(target, subtitles);
                    System.err.println("asr transcribe: wrote " + target);
                }
            }
        }
    }
}
