package dev.streamscribe.acoustic.corpus;

import dev.streamscribe.features.audio.Audio;
import dev.streamscribe.features.audio.WavReader;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Renders text with a voice and applies an augmentation: synthesiser, then sox, then noise and gain in Java. */
public final class Renderer {
    private final Path scratch;
    private final List<float[]> babbleBank;

    /** @param babbleBank clean 16 kHz utterances that babble noise is mixed from (may be empty) */
    public Renderer(Path scratch, List<float[]> babbleBank) {
        this.scratch = scratch;
        this.babbleBank = babbleBank;
    }

    /** 16 kHz mono audio of {@code text}, degraded as {@code aug} says; {@code seed} fixes the noise. */
    public Audio render(String text, Voice voice, Augmentation aug, long seed) throws IOException {
        Path raw = Files.createTempFile(scratch, "tts", ".wav");
        Path processed = Files.createTempFile(scratch, "sox", ".wav");
        try {
            run(voice.command(text, raw.toString()), voice.textOnStdin() ? text : null);
            List<String> sox = new ArrayList<>(List.of("sox", "-q", raw.toString(), "-b", "16", "-c", "1", processed.toString()));
            sox.addAll(aug.soxEffects());
            run(sox, null);
            float[] x = trimSilence(WavReader.read(processed).samples());
            Random r = CorpusGenerator.seeded(seed);
            addNoise(x, aug, r);
            applyGain(x, aug.gainDb());
            return new Audio(x, 16000);
        } finally {
            Files.deleteIfExists(raw);
            Files.deleteIfExists(processed);
        }
    }

    /** Synthesisers pad with long silences; keep 150-300 ms so the model still sees pauses at the edges. */
    private static float[] trimSilence(float[] x) {
        float threshold = 0.003f;
        int first = 0;
        while (first < x.length && Math.abs(x[first]) < threshold) first++;
        int last = x.length - 1;
        while (last > first && Math.abs(x[last]) < threshold) last--;
        int from = Math.max(0, first - 3200);
        int to = Math.min(x.length, last + 4800);
        return from >= to ? x : Arrays.copyOfRange(x, from, to);
    }

    private void addNoise(float[] x, Augmentation aug, Random r) {
        if (aug.noise().equals("none")) return;
        float[] n = switch (aug.noise()) {
            case "white" -> white(x.length, r);
            case "pink" -> pink(x.length, r);
            case "babble" -> babble(x.length, r);
            default -> throw new IllegalArgumentException("unknown noise " + aug.noise());
        };
        double ps = power(x);
        double pn = power(n);
        if (ps == 0 || pn == 0) return;
        float k = (float) Math.sqrt(ps / (pn * Math.pow(10, aug.snrDb() / 10)));
        for (int i = 0; i < x.length; i++) x[i] += k * n[i];
    }

    private static float[] white(int len, Random r) {
        float[] n = new float[len];
        for (int i = 0; i < len; i++) n[i] = (float) r.nextGaussian();
        return n;
    }

    /** Paul Kellet's economy pink filter over white noise. */
    private static float[] pink(int len, Random r) {
        float[] n = new float[len];
        double b0 = 0, b1 = 0, b2 = 0;
        for (int i = 0; i < len; i++) {
            double w = r.nextGaussian();
            b0 = 0.99765 * b0 + w * 0.0990460;
            b1 = 0.96300 * b1 + w * 0.2965164;
            b2 = 0.57000 * b2 + w * 1.0526913;
            n[i] = (float) (b0 + b1 + b2 + w * 0.1848);
        }
        return n;
    }

    /** Several other talkers at once, each starting at a random offset. */
    private float[] babble(int len, Random r) {
        if (babbleBank.isEmpty()) return pink(len, r);
        float[] n = new float[len];
        int talkers = 3 + r.nextInt(4);
        for (int t = 0; t < talkers; t++) {
            float[] src = babbleBank.get(r.nextInt(babbleBank.size()));
            int offset = r.nextInt(src.length);
            for (int i = 0; i < len; i++) n[i] += src[(offset + i) % src.length];
        }
        return n;
    }

    private static void applyGain(float[] x, double gainDb) {
        float peak = 1e-6f;
        for (float v : x) peak = Math.max(peak, Math.abs(v));
        float k = (float) (0.9 / peak * Math.pow(10, gainDb / 20));
        for (int i = 0; i < x.length; i++) x[i] *= k;
    }

    private static double power(float[] x) {
        double s = 0;
        for (float v : x) s += v * v;
        return s / Math.max(1, x.length);
    }

    private static void run(List<String> command, String stdin) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (p.waitFor() != 0) throw new IOException(command.get(0) + " failed: " + output.strip());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
