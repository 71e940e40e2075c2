package dev.streamscribe.ingest.recognizer;

import dev.streamscribe.decoder.UtteranceResult;
import dev.streamscribe.decoder.Word;
import dev.streamscribe.features.audio.Audio;
import dev.streamscribe.features.audio.AudioFiles;
import dev.streamscribe.features.audio.PcmSpec;
import dev.streamscribe.ingest.live.PcmInput;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Offline transcription of a whole file (any format {@link AudioFiles} reads), or of standard input as it arrives, through the same
 * {@link RecognizerStream} the Kafka processor uses; the finals make the transcript. Safe to call from several threads on
 * one {@link Recognizer}: each call has its own stream, and the model and LM are only read.
 */
public final class FileTranscriber {
    /** The transcript of one file: the concatenated finals, and each final's words. */
    public record FileTranscript(String file, String text, List<List<Word>> utterances, long audioMs, long processingMs) {
        /** All the words, in order. */
        public List<Word> words() {
            return utterances.stream().flatMap(List::stream).toList();
        }

        /** The fields of the JSON line of {@code transcribe --output jsonl} and {@code reprocess}, in order. */
        public Map<String, Object> jsonFields() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", file);
            m.put("text", text);
            m.put("words", words());
            m.put("audioMs", audioMs);
            m.put("processingMs", processingMs);
            return m;
        }
    }

    private static final int PIECE_SECONDS = 1;
    static final int LIVE_PIECE_MS = 100;

    private final Recognizer recognizer;

    public FileTranscriber(Recognizer recognizer) {
        this.recognizer = recognizer;
    }

    public FileTranscript transcribe(Path file) {
        Audio audio = AudioFiles.read(file);
        Run run = new Run(audio.sampleRate(), r -> {});
        int piece = audio.sampleRate() * PIECE_SECONDS;
        float[] x = audio.samples();
        for (int i = 0; i < x.length; i += piece) run.accept(Arrays.copyOfRange(x, i, Math.min(x.length, i + piece)));
        return run.finish(file.toString());
    }

    /**
     * Transcribes live input (standard input) as it arrives, in pieces of {@link #LIVE_PIECE_MS}, handing each final
     * to {@code onFinal} as soon as it is decided. A trailing partial sample frame is dropped.
     */
    public FileTranscript transcribe(PcmInput input, Consumer<UtteranceResult> onFinal) throws IOException {
        PcmSpec spec = input.spec();
        Run run = new Run(spec.sampleRate(), onFinal);
        byte[] piece = new byte[Math.max(1, spec.sampleRate() * LIVE_PIECE_MS / 1000) * spec.frameBytes()];
        int n;
        while ((n = input.stream().readNBytes(piece, 0, piece.length)) > 0) {
            run.accept(spec.decode(piece, 0, n - n % spec.frameBytes()));
        }
        return run.finish(input.name());
    }

    /** One transcription: its stream, the finals so far and the audio fed. */
    private final class Run {
        private final RecognizerStream stream;
        private final Consumer<UtteranceResult> onFinal;
        private final List<UtteranceResult> finals = new ArrayList<>();
        private final int rate;
        private final long started = System.nanoTime();
        private long samples;

        Run(int rate, Consumer<UtteranceResult> onFinal) {
            this.stream = recognizer.createStream(rate);
            this.rate = rate;
            this.onFinal = onFinal;
        }

        void accept(float[] x) {
            samples += x.length;
            keep(stream.accept(x));
        }

        FileTranscript finish(String name) {
            keep(stream.finish());
            long ms = (System.nanoTime() - started) / 1_000_000;
            return new FileTranscript(name, textOf(finals), finals.stream().map(UtteranceResult::words).toList(),
                    samples * 1000 / rate, ms);
        }

        private void keep(List<UtteranceResult> results) {
            for (UtteranceResult r : results) {
                if (!r.isFinal()) continue;
                finals.add(r);
                onFinal.accept(r);
            }
        }
    }

    /** A stream's transcript: its finals' texts joined by spaces, empty ones skipped. */
    public static String textOf(List<UtteranceResult> finals) {
        return String.join(" ", finals.stream().map(UtteranceResult::text).filter(t -> !t.isEmpty()).toList());
    }
}
