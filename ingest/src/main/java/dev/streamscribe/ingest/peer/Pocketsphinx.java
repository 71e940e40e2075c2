package dev.streamscribe.ingest.peer;

import dev.streamscribe.features.io.Directories;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The peer recogniser we measure against: Debian's pocketsphinx_batch with the en-us model, run on the same
 * 16 kHz mono 16-bit WAV files.
 */
public final class Pocketsphinx {
    private static final Path MODEL = Path.of("/usr/share/pocketsphinx/model/en-us");
    private static final Pattern HYP_LINE = Pattern.compile("^(.*) \\((\\S+) -?\\d+\\)$");

    /** Hypotheses by file name (relative to the folder) and the wall-clock time of the whole run. */
    public record Run(Map<String, String> hypotheses, long wallMs) {}

    private Pocketsphinx() {}

    public static boolean available() {
        return Files.isExecutable(Path.of("/usr/bin/pocketsphinx_batch")) && Files.isDirectory(MODEL);
    }

    /** Transcribes {@code files} (paths relative to {@code dir}, each a 16 kHz mono s16 WAV). */
    public static Run transcribe(Path dir, List<String> files) throws IOException, InterruptedException {
        if (!available()) throw new IOException("pocketsphinx is not installed (apt-get install pocketsphinx pocketsphinx-en-us)");
        Path work = Files.createTempDirectory("pocketsphinx");
        Path ctl = work.resolve("files.ctl");
        Path hyp = work.resolve("hyp.txt");
        Files.write(ctl, files.stream().map(f -> f.replaceFirst("\\.wav$", "")).toList(), StandardCharsets.UTF_8);
        long start = System.nanoTime();
        Process p = new ProcessBuilder("pocketsphinx_batch", "-adcin", "yes", "-adchdr", "44", "-cepdir", dir.toString(),
                "-cepext", ".wav", "-ctl", ctl.toString(), "-hmm", MODEL.resolve("en-us").toString(),
                "-lm", MODEL.resolve("en-us.lm.bin").toString(), "-dict", MODEL.resolve("cmudict-en-us.dict").toString(),
                "-hyp", hyp.toString()).redirectErrorStream(true).redirectOutput(work.resolve("log.txt").toFile()).start();
        if (p.waitFor() != 0) throw new IOException("pocketsphinx_batch failed; see " + work.resolve("log.txt"));
        long wallMs = (System.nanoTime() - start) / 1_000_000;
        Map<String, String> out = new HashMap<>();
        for (String line : Files.readAllLines(hyp, StandardCharsets.UTF_8)) {
            Matcher m = HYP_LINE.matcher(line.trim());
            if (m.matches()) out.put(m.group(2) + ".wav", m.group(1).toLowerCase(Locale.ROOT));
        }
        Directories.delete(work); // kept when pocketsphinx fails, for its log
        return new Run(out, wallMs);
    }
}
