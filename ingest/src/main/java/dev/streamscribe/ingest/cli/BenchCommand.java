package dev.streamscribe.ingest.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamscribe.acoustic.model.ModelStream;
import dev.streamscribe.decoder.CtcStreamDecoder;
import dev.streamscribe.features.audio.Audio;
import dev.streamscribe.features.audio.AudioFiles;
import dev.streamscribe.features.audio.WavReader;
import dev.streamscribe.features.frames.FeatureConfig;
import dev.streamscribe.features.frames.FeatureStream;
import dev.streamscribe.features.io.Directories;
import dev.streamscribe.ingest.bench.ChildPipeline;
import dev.streamscribe.ingest.bench.LatencyMeter;
import dev.streamscribe.ingest.bench.LiveStreamsBench;
import dev.streamscribe.ingest.bench.ModelCalls;
import dev.streamscribe.ingest.kafka.EmbeddedKafka;
import dev.streamscribe.ingest.kafka.KafkaSettings;
import dev.streamscribe.ingest.peer.Pocketsphinx;
import dev.streamscribe.ingest.recognizer.FileTranscriber;
import dev.streamscribe.ingest.recognizer.Recognizer;
import dev.streamscribe.ingest.reprocess.ArchiveInputs;
import dev.streamscribe.ingest.reprocess.Reprocessor;
import dev.streamscribe.ingest.reprocess.ResultLog;
import dev.streamscribe.ingest.reprocess.Summary;
import dev.streamscribe.ingest.reprocess.TranscribeJob;
import dev.streamscribe.ingest.topology.PipelineConfig;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code ./asr bench single|archive|peer DIR} and {@code ./asr bench streams N}: speed figures, as a table and then
 * as one JSON line. Never part of the tests: timings belong to a quiet machine, not to CI.
 */
final class BenchCommand implements Command {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The bar of ARCHITECTURE.md §8: p95 partial latency under 300 ms. */
    private static final int LATENCY_TARGET_MS = 300;
    private static final String PIPELINE_JAVA_OPTS = "-Xmx1g";
    /** A first round, not reported: the JIT compilers of both JVMs are busy for the first minute or so. */
    private static final int WARMUP_STREAMS = 50;
    private static final int WARMUP_SECONDS = 30;

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String summary() {
        return "benchmarks: single-stream real-time factor by stage, live streams through Kafka, archive throughput, pocketsphinx";
    }

    @Override
    public String usage() {
        return """
                usage: ./asr bench single|archive|peer [options] DIR
                       ./asr bench streams N [--sweep] [options] [FILE|DIR...]
                  single   one stream at a time through features, model and decoder, timed per stage
                  streams  N live streams at once, in real time, through an in-process broker and the Streams
                           application (./asr serve in a child JVM); partial and final latency, CPU, memory
                  archive  the folder's audio files reprocessed on all cores, results discarded
                  peer     pocketsphinx_batch on the same files (needs pocketsphinx pocketsphinx-en-us)
                  DIR      a folder with refs.tsv (e.g. made by ./asr corpus --harvard DIR)
                  FILE|DIR audio streams play from, end to end at 16 kHz (default: the bundled sample)
                  --chunk-ms N         audio per call in single (default 200), per chunk in streams (default 100)
                  --warmup N           files run first and not counted (default 3)
                  --jobs N             files at once in archive (default: all cores)
                  --sweep              streams: rounds of 25, 50, 100, 150, 200, 300, 400... up to N streams, until
                                       p95 partial latency reaches %d ms or a stream loses its final
                  --seconds N          streams: audio per stream and round (default 30)
                  --pipeline-java-opts "OPTS"   streams: JVM options of the pipeline process (default "%s")
                  streams also takes every option of ./asr serve (--partitions N, --stream-threads N, --kafka.NAME
                  VALUE, ...) and hands it to the pipeline
                """.formatted(LATENCY_TARGET_MS, PIPELINE_JAVA_OPTS) + RecognizerOptions.HELP;
    }

    @Override
    public Set<String> flags() {
        Set<String> all = new HashSet<>(Command.super.flags());
        all.addAll(new ServeCommand().flags());
        return all;
    }

    @Override
    public int run(Options o) throws Exception {
        if (o.positional().size() >= 2 && o.positional().get(0).equals("streams")) return streams(o);
        if (o.positional().size() != 2) throw new UsageException("usage: ./asr bench single|archive|peer DIR, or ./asr bench streams N");
        Path dir = Path.of(o.positional().get(1));
        if (o.positional().get(0).equals("archive")) return print(archive(o, dir));
        Refs refs = Refs.read(dir, Refs.DEV_LIMIT);
        Map<String, Object> figures = switch (o.positional().get(0)) {
            case "single" -> single(o, refs);
            case "peer" -> peer(refs);
            default -> throw new UsageException("unknown benchmark '" + o.positional().get(0) + "' (single, streams, archive or peer)");
        };
        return print(figures);
    }

    private static int streams(Options o) throws Exception {
        int max = positiveInt(o.positional().get(1), "N (streams)");
        int seconds = o.getInt("seconds", 30);
        int chunkMs = o.getInt("chunk-ms", 100);
        if (seconds < 1 || chunkMs < 10 || chunkMs > 10_000) throw new UsageException("--seconds must be at least 1 and --chunk-ms 10-10000");
        FeatureConfig features = FeatureConfig.DEFAULT; // ARCHITECTURE.md §4 fixes the features of every model
        double lookaheadMs = (features.windowSamples() - features.hopSamples()) * 1000.0 / features.sampleRate();
        List<Audio> recordings = recordings(o.positional().subList(2, o.positional().size()));
        Path work = Files.createTempDirectory("streamscribe-bench");
        try (EmbeddedKafka broker = EmbeddedKafka.start(work.resolve("kafka"))) {
            KafkaSettings kafka = KafkaSettings.of(broker.bootstrapServers());
            PipelineConfig config = KafkaOptions.pipeline(o);
            kafka.createTopics(config, KafkaOptions.partitions(o), (short) 1);
            List<String> command = pipelineCommand(o, broker.bootstrapServers(), work.resolve("state"));
            try (ChildPipeline pipeline = ChildPipeline.start(command, 300);
                 LiveStreamsBench bench = new LiveStreamsBench(kafka, config, pipeline.handle(), recordings,
                         features.sampleRate(), new LiveStreamsBench.Settings(chunkMs, seconds, lookaheadMs, 42))) {
                ModelCalls calls = ModelCalls.of(pipeline.readyLine());
                System.out.printf(Locale.ROOT, "streams: %.0f s of audio to play from; warming up with %d streams%n",
                        bench.tapeSeconds(), Math.min(WARMUP_STREAMS, max));
                bench.run(Math.min(WARMUP_STREAMS, max), WARMUP_SECONDS);
                System.out.println(ROW_HEADER);
                List<Map<String, Object>> curve = new ArrayList<>();
                Map<String, Object> best = null;
                for (int n : o.flag("sweep") ? sweep(max) : List.of(max)) {
                    ModelCalls.Count before = calls.count();
                    LiveStreamsBench.Round r = bench.run(n, seconds);
                    Map<String, Object> f = figures(r, o, chunkMs);
                    calls.count().since(before, seconds).forEach(f::put);
                    System.out.println(row(r));
                    curve.add(f);
                    if (!meetsTarget(r)) break;
                    best = f;
                }
                if (!o.flag("sweep")) return print(curve.get(0));
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("benchmark", "streams-sweep");
                f.put("maxStreamsUnderTarget", best == null ? 0 : best.get("streams"));
                f.put("targetP95Ms", LATENCY_TARGET_MS);
                if (best != null) best.forEach((k, v) -> { if (!k.equals("benchmark")) f.putIfAbsent(k, v); });
                f.put("curve", curve);
                return print(f);
            }
        } finally {
            Directories.delete(work);
        }
    }

    /** The pipeline as {@code ./asr serve} in a JVM of its own, with those of this command's flags that serve takes. */
    private static List<String> pipelineCommand(Options o, String bootstrap, Path stateDir) {
        List<String> c = new ArrayList<>();
        c.add(ProcessHandle.current().info().command().orElse("java"));
        c.addAll(Arrays.asList(o.get("pipeline-java-opts", PIPELINE_JAVA_OPTS).trim().split("\\s+")));
        c.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve"));
        c.addAll(o.flagArgs(new ServeCommand().flags()));
        c.addAll(List.of("--bootstrap-servers=" + bootstrap, "--state-dir=" + stateDir, "--application-id=streamscribe-bench",
                "--http-port=0"));
        return c;
    }

    private static List<Audio> recordings(List<String> paths) throws IOException {
        if (paths.isEmpty()) return List.of(DemoCommand.sample());
        List<Audio> out = new ArrayList<>();
        for (String p : paths) {
            Path path = Path.of(p);
            for (Path f : Files.isDirectory(path) ? ArchiveInputs.of(path).files() : List.of(path)) out.add(AudioFiles.read(f));
        }
        return out;
    }

    /** 25, 50, 100, 150, 200, 300, 400, ... up to {@code max}, and {@code max} itself. */
    private static List<Integer> sweep(int max) {
        List<Integer> sizes = new ArrayList<>();
        for (int n = 25; n < max; n = n < 50 ? n * 2 : n < 200 ? n + 50 : n + 100) sizes.add(n);
        sizes.add(max);
        return sizes;
    }

    private static boolean meetsTarget(LiveStreamsBench.Round r) {
        return r.timing().p95Ms() < LATENCY_TARGET_MS && r.dropped() == 0;
    }

    private static Map<String, Object> figures(LiveStreamsBench.Round r, Options o, int chunkMs) {
        LatencyMeter.Timing t = r.timing();
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("benchmark", "streams");
        f.put("streams", r.streams());
        f.put("seconds", r.seconds());
        f.put("chunkMs", chunkMs);
        f.put("partitions", KafkaOptions.partitions(o));
        f.put("streamThreads", KafkaOptions.streamThreads(o));
        f.put("partials", t.partials());
        f.put("p50Ms", round(t.p50Ms()));
        f.put("p95Ms", round(t.p95Ms()));
        f.put("p99Ms", round(t.p99Ms()));
        f.put("maxMs", round(t.maxMs()));
        f.put("finals", t.finals());
        f.put("finalP50Ms", round(t.finalP50Ms()));
        f.put("finalP95Ms", round(t.finalP95Ms()));
        f.put("late", t.late());
        f.put("dropped", r.dropped());
        f.put("duplicates", t.duplicates());
        f.put("cpu", round(r.cpu()));
        f.put("cpuMsPerAudioSecond", round(r.cpuMsPerAudioSecond()));
        f.put("rssMb", Math.round(r.rssMb()));
        f.put("harnessCpu", round(r.harnessCpu()));
        f.put("harnessRssMb", Math.round(r.harnessRssMb()));
        f.put("otherCpu", round(r.otherCpu()));
        f.put("load1", r.load1());
        f.put("sendLagP99Ms", round(r.sendLagP99Ms()));
        return f;
    }

    private static final String ROW_HEADER = String.format(Locale.ROOT, "%7s %8s %8s %8s %9s %6s %7s %5s %8s %6s %6s %6s",
            "streams", "p50 ms", "p95 ms", "p99 ms", "final p95", "late", "dropped", "cpu", "ms/aud s", "rss MB", "other", "load");

    private static String row(LiveStreamsBench.Round r) {
        LatencyMeter.Timing t = r.timing();
        return String.format(Locale.ROOT, "%7d %8.0f %8.0f %8.0f %9.0f %6d %7d %5.2f %8.2f %6.0f %6.2f %6.2f", r.streams(),
                t.p50Ms(), t.p95Ms(), t.p99Ms(), t.finalP95Ms(), t.late(), r.dropped(), r.cpu(), r.cpuMsPerAudioSecond(),
                r.rssMb(), r.otherCpu(), r.load1());
    }

    private static int positiveInt(String s, String what) {
        try {
            int n = Integer.parseInt(s);
            if (n > 0) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(what + " must be a positive whole number, got '" + s + "'");
    }

    /** The figures one per line (a list, such as a sweep's curve, only in the JSON), then all of them as one JSON line. */
    private static int print(Map<String, Object> figures) throws Exception {
        figures.forEach((k, v) -> {
            if (!(v instanceof List)) System.out.printf(Locale.ROOT, "%-16s %s%n", k, v);
        });
        System.out.println(JSON.writeValueAsString(figures));
        return 0;
    }

    private static Map<String, Object> archive(Options o, Path dir) throws Exception {
        int jobs = o.getInt("jobs", Runtime.getRuntime().availableProcessors());
        ArchiveInputs inputs = ArchiveInputs.of(dir);
        Summary s;
        try (Recognizer recognizer = Recognizer.create(RecognizerOptions.from(o));
             ResultLog discard = ResultLog.to(OutputStream.nullOutputStream())) {
            s = new Reprocessor(new TranscribeJob(new FileTranscriber(recognizer)), jobs, discard, System.err).run(inputs.files());
        }
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("benchmark", "archive");
        f.put("files", s.processed());
        f.put("failed", s.failed());
        f.put("audioSeconds", round(s.audioMs() / 1000.0));
        f.put("wallSeconds", round(s.elapsedMs() / 1000.0));
        f.put("xRealtime", round(s.timesRealTime()));
        f.put("jobs", jobs);
        return f;
    }

    private static Map<String, Object> single(Options o, Refs refs) throws Exception {
        int chunkMs = o.getInt("chunk-ms", 200);
        int warmup = o.getInt("warmup", 3);
        List<Audio> audio = new ArrayList<>();
        for (Refs.Ref r : refs.refs()) audio.add(WavReader.read(refs.path(r)));
        long[] ns = new long[3];
        long audioMs = 0;
        try (Recognizer recognizer = Recognizer.create(RecognizerOptions.from(o))) {
            for (int i = 0; i < audio.size(); i++) {
                long[] t = time(recognizer, audio.get(i), chunkMs);
                if (i < warmup) continue;
                for (int k = 0; k < 3; k++) ns[k] += t[k];
                audioMs += audio.get(i).durationMs();
            }
            double total = ns[0] + ns[1] + ns[2];
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("benchmark", "single");
            f.put("files", audio.size() - warmup);
            f.put("audioSeconds", round(audioMs / 1000.0));
            f.put("rtf", round(total / 1e6 / audioMs));
            f.put("rtfFeatures", round(ns[0] / 1e6 / audioMs));
            f.put("rtfModel", round(ns[1] / 1e6 / audioMs));
            f.put("rtfDecoder", round(ns[2] / 1e6 / audioMs));
            f.put("xRealtime", round(audioMs / (total / 1e6)));
            f.put("chunkMs", chunkMs);
            f.put("threads", recognizer.config().threads());
            f.put("beam", recognizer.config().decoder().beamWidth());
            f.put("lm", recognizer.lm() != null);
            return f;
        }
    }

    /** Nanoseconds spent in features, model and decoder for one file fed in chunks, as one live stream would be. */
    private static long[] time(Recognizer recognizer, Audio audio, int chunkMs) {
        var meta = recognizer.meta();
        FeatureStream features = new FeatureStream(audio.sampleRate(), meta.features(), meta.normalizer());
        ModelStream model = new ModelStream(meta.model());
        CtcStreamDecoder decoder = new CtcStreamDecoder(recognizer.config().decoder(), recognizer.lm(), meta.frameMs());
        long[] ns = new long[3];
        float[] x = audio.samples();
        int step = Math.max(1, audio.sampleRate() * chunkMs / 1000);
        for (int from = 0; from < x.length; from += step) {
            long t0 = System.nanoTime();
            float[][] frames = features.accept(Arrays.copyOfRange(x, from, Math.min(x.length, from + step)));
            ns[0] += System.nanoTime() - t0;
            modelAndDecoder(recognizer, model, decoder, frames, ns);
        }
        long t0 = System.nanoTime();
        float[][] rest = features.finish();
        ns[0] += System.nanoTime() - t0;
        modelAndDecoder(recognizer, model, decoder, rest, ns);
        long t2 = System.nanoTime();
        decoder.finish();
        ns[2] += System.nanoTime() - t2;
        return ns;
    }

    private static void modelAndDecoder(Recognizer recognizer, ModelStream model, CtcStreamDecoder decoder,
                                        float[][] frames, long[] ns) {
        long t1 = System.nanoTime();
        float[][] logProbs = model.accept(recognizer.model(), frames);
        long t2 = System.nanoTime();
        if (logProbs.length > 0) decoder.accept(logProbs);
        ns[1] += t2 - t1;
        ns[2] += System.nanoTime() - t2;
    }

    private static Map<String, Object> peer(Refs refs) throws Exception {
        long audioMs = 0;
        for (Refs.Ref r : refs.refs()) audioMs += WavReader.read(refs.path(r)).durationMs();
        Pocketsphinx.Run run = Pocketsphinx.transcribe(refs.dir(), refs.refs().stream().map(Refs.Ref::file).toList());
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("benchmark", "peer");
        f.put("peer", "pocketsphinx_batch");
        f.put("files", refs.refs().size());
        f.put("audioSeconds", round(audioMs / 1000.0));
        f.put("rtf", round((double) run.wallMs() / audioMs));
        f.put("xRealtime", round(audioMs / (double) run.wallMs()));
        return f;
    }

    private static double round(double x) {
        return Math.round(x * 10_000) / 10_000.0;
    }
}
