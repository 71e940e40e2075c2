package dev.streamscribe.acoustic.training;

import dev.streamscribe.acoustic.corpus.ManifestEntry;
import dev.streamscribe.acoustic.model.Alphabet;
import dev.streamscribe.features.audio.Audio;
import dev.streamscribe.features.audio.WavReader;
import dev.streamscribe.features.frames.FeatureConfig;
import dev.streamscribe.features.frames.FeatureStream;
import dev.streamscribe.features.frames.Normalizer;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Un-normalised log-mel frames of a corpus, computed once through the same {@link FeatureStream} the
 * recogniser uses and kept in an append-only file beside the manifest, so restarts and later epochs skip the
 * audio decoding.
 */
final class FeatureCache {
    private final Path file;
    private final FeatureConfig config;
    private final Map<String, Utterance> loaded = new HashMap<>();

    FeatureCache(Path file, FeatureConfig config) throws IOException {
        this.file = file;
        this.config = config;
        if (Files.exists(file)) readAll();
    }

    private void readAll() throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 20))) {
            while (true) {
                String id;
                try {
                    id = in.readUTF();
                } catch (EOFException e) {
                    return;
                }
                try {
                    int frames = in.readInt();
                    short[] q = new short[frames * config.melBands()];
                    for (int i = 0; i < q.length; i++) q[i] = in.readShort();
                    loaded.put(id, new Utterance(id, q, frames, null, null));
                } catch (EOFException e) {
                    return; // a record cut short by a crash is computed again
                }
            }
        }
    }

    /** The utterances of these manifest entries, computing (in parallel) and appending the missing ones. */
    List<Utterance> get(Path corpusDir, List<ManifestEntry> entries, int threads) throws IOException, InterruptedException {
        List<ManifestEntry> missing = entries.stream().filter(e -> !loaded.containsKey(e.id())).toList();
        if (!missing.isEmpty()) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                    Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND), 1 << 20))) {
                List<Future<Utterance>> jobs = new ArrayList<>();
                for (ManifestEntry e : missing) jobs.add(pool.submit(() -> compute(corpusDir, e)));
                for (Future<Utterance> f : jobs) {
                    Utterance u;
                    try {
                        u = f.get();
                    } catch (ExecutionException ex) {
                        System.err.println("features: skipped: " + ex.getCause().getMessage());
                        continue;
                    }
                    out.writeUTF(u.id());
                    out.writeInt(u.frameCount());
                    for (short s : u.frames()) out.writeShort(s);
                    loaded.put(u.id(), u);
                }
            } finally {
                pool.shutdownNow();
            }
        }
        List<Utterance> out = new ArrayList<>();
        for (ManifestEntry e : entries) {
            Utterance u = loaded.get(e.id());
            if (u != null) out.add(new Utterance(e.id(), u.frames(), u.frameCount(), Alphabet.encode(e.text()), e.text()));
        }
        return out;
    }

    private Utterance compute(Path corpusDir, ManifestEntry e) {
        Audio audio = WavReader.read(corpusDir.resolve(e.audio()));
        FeatureStream fs = new FeatureStream(audio.sampleRate(), config, Normalizer.identity(config.melBands()));
        float[][] a = fs.accept(audio.samples());
        float[][] b = fs.finish();
        float[][] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return Utterance.of(e.id(), all, null, null);
    }
}
