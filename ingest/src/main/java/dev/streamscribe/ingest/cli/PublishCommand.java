package dev.streamscribe.ingest.cli;

import dev.streamscribe.features.audio.Audio;
import dev.streamscribe.features.audio.WavReader;
import dev.streamscribe.ingest.kafka.AudioPublisher;

import java.nio.file.Path;

/** {@code ./asr publish}: sends WAV files to the input topic as chunk streams, one stream per file. */
final class PublishCommand implements Command {
    @Override
    public String name() {
        return "publish";
    }

    @Override
    public String summary() {
        return "send audio files to the audio.chunks topic as streams";
    }

    @Override
    public String usage() {
        return "usage: ./asr publish [options] FILE...\n"
                + "  --stream-id ID       stream id (default: the file name; with several files, ID-1, ID-2, ...)\n"
                + "  --chunk-ms N         chunk length (default 100)\n"
                + "  --realtime           pace the chunks like a live source\n" + KafkaOptions.HELP;
    }

    @Override
    public int run(Options o) throws Exception {
        if (o.positional().isEmpty()) throw new UsageException("give at least one WAV file");
        String id = o.get("stream-id", null);
        try (AudioPublisher publisher = new AudioPublisher(KafkaOptions.kafka(o, "localhost:9092"),
                KafkaOptions.pipeline(o).inputTopic(), o.getInt("chunk-ms", 100))) {
            int n = 0;
            for (String f : o.positional()) {
                n++;
                Path file = Path.of(f);
                Audio audio = WavReader.read(file);
                String streamId = id == null ? file.getFileName().toString() : o.positional().size() == 1 ? id : id + "-" + n;
                int chunks = publisher.publish(streamId, audio, o.flag("realtime"));
                System.out.printf("publish: %s -> stream %s, %d chunks, %.1f s%n", file, streamId, chunks, audio.durationMs() / 1000.0);
            }
        }
        return 0;
    }
}
