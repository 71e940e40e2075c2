package dev.streamscribe.ingest.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamscribe.acoustic.model.ModelStream;
import dev.streamscribe.decoder.CtcStreamDecoder;
import dev.streamscribe.features.audio.Audio;
import dev.streamscribe.features.audio.WavReader;
import dev.streamscribe.features.frames.FeatureStream;
import dev.streamscribe.ingest.peer.Pocketsphinx;
import dev.streamscribe.ingest.recognizer.FileTranscriber;
import dev.streamscribe.ingest.recognizer.Recognizer;
import dev.streamscribe.ingest.reprocess.ArchiveInputs;
import dev.streamscribe.ingest.reprocess.Reprocessor;
import dev.streamscribe.ingest.reprocess.ResultLog;
import dev.streamscribe.ingest.reprocess.Summary;
import dev.streamscribe.ingest.reprocess.TranscribeJob;

import java.io.OutputStream;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ./asr bench single|archive|peer DIR}: speed figures on the files of an eval folder, as a table and then as one
 * JSON line. Never part of the tests: timings belong to a quiet machine, not to CI.
 */
final class BenchCommand implements Command {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String summary() {
        return "benchmarks: single-stream real-time factor by stage, archive throughput, pocketsphinx on the same files";
    }

    @Override
    public String usage() {
        return """
                usage: ./asr bench single|archive|peer [options] DIR
                  single   one stream at a time through features, model and decoder, timed per stage
                  archive  the folder's audio files reprocessed on all cores, results discarded
                  peer     pocketsphinx_batch on the same files (needs pocketsphinx pocketsphinx-en-us)
                  DIR      a folder with refs.tsv (e.g. made by ./asr corpus --harvard DIR)
                  --chunk-ms N         audio per call in single (default 200)
                  --warmup N           files run first and not counted (default 3)
                  --jobs N             files at once in archive (default: all cores)
                """ + RecognizerOptions.HELP;
    }

    @Override
    public int run(Options o) throws Exception {
        if (o.positional().size() != 2) throw new UsageException("usage: ./asr bench single|archive|peer DIR");
        Path dir = Path.of(o.positional().get(1));
        if (o.positional().get(0).equals("archive")) return print(archive(o, dir));
        Refs refs = Refs.read(dir, Refs.DEV_LIMIT);
        Map<String, Object> figures = switch (o.positional().get(0)) {
            case "single" -> single(o, refs);
            case "peer" -> peer(refs);
            default -> throw new UsageException("unknown benchmark '" + o.positional().get(0) + "' (single, archive or peer)");
        };
        return print(figures);
    }

    private static int print(Map<String, Object> figures) throws Exception {
        figures.forEach((k, v) -> System.out.printf(Locale.ROOT, "%-16s %s%n", k, v));
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
