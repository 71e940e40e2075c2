package dev.streamscribe.ingest.cli;

import dev.streamscribe.features.audio.Audio;
import dev.streamscribe.features.audio.AudioFiles;
import dev.streamscribe.ingest.kafka.AudioPublisher;
import dev.streamscribe.ingest.live.ChunkStreamer;
import dev.streamscribe.ingest.live.LiveSession;
import dev.streamscribe.ingest.live.Microphone;
import dev.streamscribe.ingest.live.PcmInput;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code ./asr publish}: sends audio to the input topic as chunk streams: files (one stream each), standard input
 * as it arrives ({@code -}), or the microphone ({@code --mic}).
 */
final class PublishCommand implements Command {
    @Override
    public String name() {
        return "publish";
    }

    @Override
    public String summary() {
        return "send audio files, standard input or the microphone to the audio.chunks topic as streams";
    }

    @Override
    public String usage() {
        return "usage: ./asr publish [options] FILE...     audio files (WAV, FLAC, MP3, Ogg), one stream each\n"
                + "       ./asr publish [options] -           standard input, sent as it arrives (WAV, or raw PCM)\n"
                + "       ./asr publish [options] --mic       the default capture device, 16 kHz mono, until Ctrl-C\n"
                + "  --stream-id ID       stream id (default: the file name, with several files ID-1, ID-2, ...;\n"
                + "                       stdin-TIME or mic-TIME for live input)\n"
                + "  --chunk-ms N         chunk length (default 100)\n"
                + "  --realtime           pace the chunks like a live source (files and standard input)\n"
                + "  --hotwords FILE      words or phrases (one per line, optionally :BOOST) each stream asks to boost\n"
                + RawPcmOptions.HELP + "\n"
                + "  Live input ends with eos at the end of the input or on Ctrl-C. Examples:\n"
                + "    arecord -f S16_LE -r 16000 -c 1 | ./asr publish - --stream-id mic\n"
                + "    sox in.flac -t raw -r 16000 -e signed -b 16 -c 1 - | ./asr publish - --stream-id x\n"
                + KafkaOptions.HELP;
    }

    @Override
    public int run(Options o) throws Exception {
        List<String> files = o.positional();
        boolean stdin = files.contains("-");
        if (o.flag("mic") && !files.isEmpty()) throw new UsageException("--mic takes no files");
        if (stdin && files.size() > 1) throw new UsageException("'-' (standard input) cannot be mixed with files");
        if (!o.flag("mic") && files.isEmpty()) throw new UsageException("give audio files, '-' for standard input, or --mic");
        if (o.flag("mic")) return publishLive(o, openMicrophone(), "mic");
        if (stdin) return publishLive(o, PcmInput.wavOrRaw(System.in, "stdin", RawPcmOptions.spec(o)), "stdin");
        return publishFiles(o, files);
    }

    private static PcmInput openMicrophone() {
        try {
            return Microphone.open();
        } catch (Microphone.Unavailable e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static int publishLive(Options o, PcmInput input, String kind) throws Exception {
        String streamId = o.get("stream-id", kind + "-" + System.currentTimeMillis() / 1000);
        checkStream(streamId, input.spec().sampleRate());
        try (input; AudioPublisher publisher = publisher(o)) {
            System.err.printf("publish: %s (%s, %d Hz, %d channel(s)) -> stream %s%n", input.name(),
                    input.spec().encoding().header(), input.spec().sampleRate(), input.spec().channels(), streamId);
            ChunkStreamer.Streamed sent = LiveSession.publish(input, publisher, streamId, o.getInt("chunk-ms", 100), o.flag("realtime"));
            if (sent.droppedBytes() > 0) System.err.printf("publish: ignored %d trailing byte(s), less than a sample frame%n", sent.droppedBytes());
            System.out.printf("publish: %s -> stream %s, %d chunks, %.1f s%n", input.name(), streamId, sent.chunks(), sent.audioMs() / 1000.0);
        }
        return 0;
    }

    private static int publishFiles(Options o, List<String> files) throws Exception {
        String id = o.get("stream-id", null);
        try (AudioPublisher publisher = publisher(o)) {
            int n = 0;
            for (String f : files) {
                n++;
                Path file = Path.of(f);
                Audio audio = AudioFiles.read(file);
                String streamId = id == null ? file.getFileName().toString() : files.size() == 1 ? id : id + "-" + n;
                checkStream(streamId, audio.sampleRate());
                int chunks = publisher.publish(streamId, audio, o.flag("realtime"));
                System.out.printf("publish: %s -> stream %s, %d chunks, %.1f s%n", file, streamId, chunks, audio.durationMs() / 1000.0);
            }
        }
        return 0;
    }

    private static void checkStream(String streamId, int rate) {
        try {
            AudioPublisher.checkStream(streamId, rate);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static AudioPublisher publisher(Options o) {
        return new AudioPublisher(KafkaOptions.kafka(o, "localhost:9092"), KafkaOptions.pipeline(o).inputTopic(),
                o.getInt("chunk-ms", 100), RecognizerOptions.hotWords(o));
    }
}
