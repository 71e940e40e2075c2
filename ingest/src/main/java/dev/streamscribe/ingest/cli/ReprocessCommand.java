package dev.streamscribe.ingest.cli;

import dev.streamscribe.ingest.kafka.AudioPublisher;
import dev.streamscribe.ingest.recognizer.FileTranscriber;
import dev.streamscribe.ingest.recognizer.Recognizer;
import dev.streamscribe.ingest.reprocess.ArchiveInputs;
import dev.streamscribe.ingest.reprocess.FileJob;
import dev.streamscribe.ingest.reprocess.PublishJob;
import dev.streamscribe.ingest.reprocess.Reprocessor;
import dev.streamscribe.ingest.reprocess.ResultLog;
import dev.streamscribe.ingest.reprocess.Summary;
import dev.streamscribe.ingest.reprocess.TranscribeJob;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code ./asr reprocess DIR|LIST --out FILE.jsonl}: an archive transcribed offline on every core, or with
 * {@code --to-topic} sent into the running pipeline; resumable through its output file.
 */
final class ReprocessCommand implements Command {
    @Override
    public String name() {
        return "reprocess";
    }

    @Override
    public String summary() {
        return "transcribe an archive of audio files in parallel (resumable), or publish it to the pipeline";
    }

    @Override
    public String usage() {
        return """
                usage: ./asr reprocess [options] DIR|LIST --out FILE.jsonl
                       ./asr reprocess [options] DIR|LIST --to-topic [--out FILE.jsonl]
                  DIR                  every .wav, .flac, .mp3, .ogg and .opus under it, recursively; other audio files
                                       (.m4a, .aac, ...) get a failure line, non-audio files are ignored
                  LIST                 a text file naming one audio file per line (relative to the list's folder; # comments)
                  --out FILE.jsonl     one JSON object per file, appended and flushed as each file finishes, in the
                                       order they finish: {"file","text","words":[{"word","startMs","endMs","confidence"}],
                                       "audioMs","processingMs"}, or {"file","error"} when it failed. Files already in
                                       it are skipped, so a rerun resumes an interrupted run (and retries nothing)
                  --jobs N             files processed at once, sharing one model (default: all cores)
                  --to-topic           instead of transcribing, publish each file at full speed to the input topic as
                                       one stream for the running pipeline (./asr serve); lines then say
                                       {"file","streamId","chunks","audioMs","processingMs"}; without --out they go to stdout
                  --stream-prefix P    with --to-topic: stream id = P + the file's path under DIR (default none)
                  --chunk-ms N         with --to-topic: chunk length (default 100)
                Progress (files done/total, audio so far, x real time, ETA) goes to stderr.
                Exit code: 0 when every file has a good line, 1 when some failed (now or in an earlier run), 2 on bad usage.
                """ + RecognizerOptions.HELP + "\n" + KafkaOptions.HELP;
    }

    @Override
    public int run(Options o) throws Exception {
        if (o.positional().size() != 1) throw new UsageException("give one folder or list file (usage: ./asr reprocess DIR|LIST --out FILE.jsonl)");
        boolean toTopic = o.flag("to-topic");
        String out = o.get("out", null);
        if (out == null && !toTopic) throw new UsageException("say where the results go: --out FILE.jsonl (or --to-topic to publish)");
        int jobs = o.getInt("jobs", Runtime.getRuntime().availableProcessors());
        if (jobs < 1) throw new UsageException("--jobs must be at least 1");
        Path input = Path.of(o.positional().get(0));
        if (!Files.exists(input)) throw new UsageException(input + ": no such folder or list file");
        ArchiveInputs inputs = ArchiveInputs.of(input);
        if (!inputs.ignored().isEmpty()) {
            System.err.printf("reprocess: ignoring %d non-audio file(s), e.g. %s%n", inputs.ignored().size(), inputs.ignored().get(0));
        }
        Summary summary;
        try (ResultLog log = out == null ? ResultLog.to(System.out) : ResultLog.open(Path.of(out))) {
            summary = toTopic ? publish(o, inputs, log, jobs) : transcribe(o, inputs, log, jobs);
        }
        System.err.println("reprocess: " + summary.report() + (out == null ? "" : " -> " + out));
        return summary.allOk() ? 0 : 1;
    }

    private static Summary transcribe(Options o, ArchiveInputs inputs, ResultLog log, int jobs) throws Exception {
        try (Recognizer recognizer = Recognizer.create(RecognizerOptions.from(o))) {
            FileJob job = new TranscribeJob(new FileTranscriber(recognizer));
            return new Reprocessor(job, jobs, log, System.err).run(inputs.files());
        }
    }

    private static Summary publish(Options o, ArchiveInputs inputs, ResultLog log, int jobs) throws Exception {
        try (AudioPublisher publisher = new AudioPublisher(KafkaOptions.kafka(o, "localhost:9092"),
                KafkaOptions.pipeline(o).inputTopic(), o.getInt("chunk-ms", 100))) {
            FileJob job = new PublishJob(publisher, inputs, o.get("stream-prefix", ""));
            return new Reprocessor(job, jobs, log, System.err).run(inputs.files());
        }
    }
}
