package dev.streamscribe.ingest.reprocess;

import dev.streamscribe.acoustic.corpus.Progress;
import dev.streamscribe.features.audio.AudioFormatException;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a {@link FileJob} over an archive on a fixed pool of workers, skipping the files the log already has.
 * A file that fails gets a line with its error and the run goes on. Lines are written by this thread only, in
 * the order files finish (not input order: readers key on {@code file}), each flushed as it comes.
 */
public final class Reprocessor {
    private final FileJob job;
    private final int workers;
    private final ResultLog log;
    private final PrintStream progressOut;

    public Reprocessor(FileJob job, int workers, ResultLog log, PrintStream progressOut) {
        if (workers < 1) throw new IllegalArgumentException("need at least one worker, got " + workers);
        this.job = job;
        this.workers = workers;
        this.log = log;
        this.progressOut = progressOut;
    }

    private record Done(Map<String, Object> line, long audioMs, boolean failed) {}

    public Summary run(List<Path> files) throws IOException, InterruptedException {
        List<Path> todo = files.stream().filter(f -> !log.finishedEarlier(f)).toList();
        int failedEarlier = (int) files.stream().filter(log::failedEarlier).count();
        long start = System.nanoTime();
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "reprocess-" + threadNumber.incrementAndGet());
            t.setDaemon(true); // a failed run must not hang on workers still busy with files
            return t;
        });
        try {
            CompletionService<Done> finished = new ExecutorCompletionService<>(pool);
            for (Path f : todo) finished.submit(() -> attempt(f));
            Progress progress = new Progress(progressOut, "files", todo.size());
            long audioMs = 0;
            int failed = 0;
            for (int i = 1; i <= todo.size(); i++) {
                Done d = finished.take().get();
                log.append(d.line());
                audioMs += d.audioMs();
                if (d.failed()) failed++;
                long ms = (System.nanoTime() - start) / 1_000_000;
                progress.update(i, String.format(Locale.ROOT, "audio %s  %.1fx real time  %d failed",
                        Summary.clock(audioMs), ms == 0 ? 0.0 : (double) audioMs / ms, failed));
            }
            return new Summary(files.size(), files.size() - todo.size(), failedEarlier, todo.size(), failed, audioMs,
                    (System.nanoTime() - start) / 1_000_000);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a worker died: " + e.getCause(), e.getCause()); // attempt() catches every Exception
        } finally {
            pool.shutdownNow();
        }
    }

    private Done attempt(Path file) {
        try {
            FileJob.Outcome o = job.process(file);
            return new Done(o.line(), o.audioMs(), false);
        } catch (Exception e) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("file", file.toString());
            line.put("error", reason(file, e));
            return new Done(line, 0, true);
        }
    }

    /** The error for the line: audio errors already start with the file name, which the line has on its own. */
    static String reason(Path file, Exception e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        String prefix = file + ": ";
        if (m.startsWith(prefix)) m = m.substring(prefix.length());
        boolean plain = e instanceof AudioFormatException || e instanceof IllegalArgumentException;
        return plain && !m.isEmpty() ? m : e.getClass().getSimpleName() + (m.isEmpty() ? "" : ": " + m);
    }
}
