package dev.streamscribe.ingest.recognizer;

import dev.streamscribe.decoder.UtteranceResult;
import dev.streamscribe.decoder.Word;
import dev.streamscribe.features.audio.Audio;
import dev.streamscribe.features.audio.AudioFiles;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Offline transcription of a whole file (WAV or FLAC) through the same {@link RecognizerStream} the Kafka
 * processor uses, fed in one-second pieces; the finals make the transcript. Safe to call from several threads on
 * one {@link Recognizer}: each call has its own stream, and the model and LM are only read.
 */
public final class FileTranscriber {
    /** The transcript of one file: the concatenated finals and all their words. */
    public record FileTranscript(String file, String text, List<Word> words, long audioMs, long processingMs) {
        /** The fields of the JSON line of {@code transcribe --jsonl} and {@code reprocess} (DESIGN §5), in order. */
        public Map<String, Object> jsonFields() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", file);
            m.put("text", text);
            m.put("words", words);
            m.put("audioMs", audioMs);
            m.put("processingMs", processingMs);
            return m;
        }
    }

    private static final int PIECE_SECONDS = 1;

    private final Recognizer recognizer;

    public FileTranscriber(Recognizer recognizer) {
        this.recognizer = recognizer;
    }

    public FileTranscript transcribe(Path file) {
        Audio audio = AudioFiles.read(file);
        long start = System.nanoTime();
        RecognizerStream stream = recognizer.createStream(audio.sampleRate());
        List<UtteranceResult> finals = new ArrayList<>();
        int piece = audio.sampleRate() * PIECE_SECONDS;
        float[] x = audio.samples();
        for (int i = 0; i < x.length; i += piece) {
            keepFinals(stream.accept(Arrays.copyOfRange(x, i, Math.min(x.length, i + piece))), finals);
        }
        keepFinals(stream.finish(), finals);
        long ms = (System.nanoTime() - start) / 1_000_000;
        return new FileTranscript(file.toString(), textOf(finals), finals.stream().flatMap(r -> r.words().stream()).toList(),
                audio.durationMs(), ms);
    }

    private static void keepFinals(List<UtteranceResult> results, List<UtteranceResult> finals) {
        for (UtteranceResult r : results) if (r.isFinal()) finals.add(r);
    }

    /** A stream's transcript: its finals' texts joined by spaces, empty ones skipped. */
    public static String textOf(List<UtteranceResult> finals) {
        return String.join(" ", finals.stream().map(UtteranceResult::text).filter(t -> !t.isEmpty()).toList());
    }
}
