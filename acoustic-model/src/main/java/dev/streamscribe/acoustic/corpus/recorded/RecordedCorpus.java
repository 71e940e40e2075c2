package dev.streamscribe.acoustic.corpus.recorded;

import dev.streamscribe.acoustic.corpus.Manifest;
import dev.streamscribe.acoustic.corpus.ManifestEntry;
import dev.streamscribe.acoustic.corpus.Progress;
import dev.streamscribe.features.audio.Audio;
import dev.streamscribe.features.audio.WavReader;
import dev.streamscribe.features.audio.WavWriter;
import dev.streamscribe.features.io.Directories;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a recorded import writes: {@code dir/wav/} and {@code dir/manifest.jsonl}, started afresh (an import takes
 * minutes, so it is redone rather than resumed), each entry marked recorded with its source's licence, and the report
 * of what was kept and dropped.
 */
final class RecordedCorpus implements AutoCloseable {
    /** The work for one clip of the source: decode it, check it, keep or drop its pieces. */
    interface ClipJob {
        void run() throws IOException;
    }

    private final Path dir;
    private final String source;
    private final String licence;
    private final Manifest.Appender manifest;
    private final ImportReport report = new ImportReport();

    RecordedCorpus(Path dir, String source, String licence) throws IOException {
        this.dir = dir;
        this.source = source;
        this.licence = licence;
        Directories.delete(dir.resolve("wav"));
        Files.createDirectories(dir.resolve("wav"));
        Files.deleteIfExists(dir.resolve("manifest.jsonl"));
        manifest = new Manifest.Appender(dir.resolve("manifest.jsonl"));
    }

    /** Keeps a piece as {@code wav/NAME.wav} with the id {@code SOURCE/NAME}. */
    void keep(String name, Audio piece, String text, String speaker, String split) throws IOException {
        String rel = "wav/" + name + ".wav";
        WavWriter.write(piece, dir.resolve(rel));
        manifest.append(new ManifestEntry(source + "/" + name, rel, text, source + ":" + speaker, "none",
                piece.durationMs(), split, source, true, licence));
        report.kept(speaker, split, piece.samples().length / (double) piece.sampleRate());
    }

    void drop(String reason, double seconds) {
        report.dropped(reason, seconds);
    }

    /** Runs the jobs on {@code threads} threads with a progress line; the first failure stops the import. */
    void importClips(List<ClipJob> jobs, int threads, PrintStream log) throws IOException, InterruptedException {
        Progress progress = new Progress(log, "clips", jobs.size());
        AtomicLong done = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (ClipJob job : jobs) {
                running.add(pool.submit(() -> {
                    job.run();
                    progress.update(done.incrementAndGet(), "");
                    return null;
                }));
            }
            for (Future<?> f : running) f.get();
        } catch (ExecutionException e) {
            throw new IOException("import failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Prints the report; returns the number of pieces kept. */
    int finish(PrintStream log) {
        report.print(log, source);
        return report.keptPieces();
    }

    /** A clip in a format sox reads ({@code ogg}, {@code mp3}) as 16 kHz mono. */
    Audio decode(InputStream clip, String soxType, String name) throws IOException {
        Path tmp = Files.createTempFile(dir, "clip", ".wav");
        try {
            Process p = new ProcessBuilder("sox", "-q", "-t", soxType, "-", "-r", "16000", "-b", "16", "-c", "1", tmp.toString())
                    .redirectErrorStream(true).start();
            try (var out = p.getOutputStream()) {
                clip.transferTo(out);
            }
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) throw new IOException("sox could not decode " + name + ": " + output.strip());
            return WavReader.read(tmp);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public void close() throws IOException {
        manifest.close();
    }
}
