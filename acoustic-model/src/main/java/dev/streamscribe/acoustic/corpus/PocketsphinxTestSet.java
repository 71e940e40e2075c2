package dev.streamscribe.acoustic.corpus;

import dev.streamscribe.features.audio.Audio;
import dev.streamscribe.features.audio.PcmFormat;
import dev.streamscribe.features.audio.WavWriter;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real-speech evaluation folder (never trained on): the 12 recordings of Debian's pocketsphinx-testdata, read by
 * people: five LibriVox sentences of Sense and Sensibility, five card names, "go forward ten meters" and a TIDIGITS
 * digit string, with refs.tsv as {@code ./asr eval} reads it.
 */
public final class PocketsphinxTestSet {
    public static final Path DATA = Path.of("/usr/share/pocketsphinx/test/data");
    private static final Pattern TRANSCRIPTION = Pattern.compile("^<s>\\s*(.*?)\\s*</s>\\s*\\((\\S+)\\)$");
    /** Raw 16 kHz s16le recordings without a transcription file of their own; their words are the tests' names. */
    private static final List<String[]> RAW = List.of(new String[] {"goforward.raw", "go forward ten meters"},
            new String[] {"tidigits/dhd.2934z.raw", "two nine three four zero"});

    private PocketsphinxTestSet() {}

    /** Writes the folder from {@code data}, laid out as Debian's {@link #DATA}. */
    public static void write(Path data, Path dir, PrintStream log) throws IOException {
        if (!Files.isDirectory(data)) throw new IOException(data + " is missing: install Debian's pocketsphinx-testdata");
        Files.createDirectories(dir);
        List<String> refs = new ArrayList<>();
        for (String set : List.of("cards/cards.transcription", "librivox/transcription")) {
            Path transcription = data.resolve(set);
            for (String line : Files.readAllLines(transcription, StandardCharsets.UTF_8)) {
                Matcher m = TRANSCRIPTION.matcher(line.strip());
                if (!m.matches()) continue;
                String name = m.group(2) + ".wav";
                Files.copy(transcription.resolveSibling(name), dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                refs.add(name + "\t" + m.group(1));
            }
        }
        for (String[] raw : RAW) {
            byte[] pcm = Files.readAllBytes(data.resolve(raw[0]));
            String name = Path.of(raw[0]).getFileName().toString().replaceFirst("\\.raw$", ".wav");
            WavWriter.write(new Audio(PcmFormat.S16LE.decode(pcm, 0, pcm.length, 1), 16000), dir.resolve(name));
            refs.add(name + "\t" + raw[1]);
        }
        Files.write(dir.resolve("refs.tsv"), refs, StandardCharsets.UTF_8);
        log.printf("corpus: %d recordings of pocketsphinx-testdata in %s%n", refs.size(), dir);
    }
}
