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
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Imports the voice-acted dialogue of The Ur-Quan Masters (Debian's {@code uqm-voice} and {@code uqm-content}, from
 * non-free) as a recorded corpus: each speaker's clips, cut into one piece per subtitle line where a pause allows
 * ({@link LineCutter}), checked against their text ({@link TranscriptCheck}), converted to 16 kHz WAV by sox. A
 * speaker (a race in the game; one voice actor each, as far as the credits tell) is either all train or all dev, so
 * the dev set measures voices the model never heard. The import is quick (minutes), so it is redone from scratch
 * rather than resumed.
 */
public final class UqmImporter {
    public static final String SOURCE = "uqm";
    public static final String LICENCE = "CC-BY-NC-SA-2.5";
    public static final Path VOICE_PACK = Path.of("/usr/share/games/uqm/content/addons/uqm-0.8.0-voice.uqm");
    public static final Path CONTENT_PACK = Path.of("/usr/share/games/uqm/content/packages/uqm-0.8.0-content.uqm");
    /** A woman's and a man's voice, 31 minutes together (455 pieces). */
    public static final Set<String> DEV_SPEAKERS = Set.of("syreen", "shofixti");

    private static final String VOICE_DIR = "3dovoice/";

    /**
     * @param voicePack   the voice add-on (a zip): per speaker its clips, timing file and, for some, a conversation
     *                    file that replaces the content pack's
     * @param contentPack the game's content (a zip) with every speaker's conversation file
     */
    public record Settings(Path voicePack, Path contentPack, Path dir, Set<String> devSpeakers, int threads) {
        public static Settings defaults(Path dir) {
            return new Settings(VOICE_PACK, CONTENT_PACK, dir, DEV_SPEAKERS, Runtime.getRuntime().availableProcessors());
        }
    }

    private final Settings s;
    private final PrintStream log;

    public UqmImporter(Settings settings, PrintStream log) {
        this.s = settings;
        this.log = log;
    }

    /** Writes {@code dir/manifest.jsonl} and {@code dir/wav/}; returns the number of pieces kept. */
    public int run() throws IOException, InterruptedException {
        for (Path pack : List.of(s.voicePack(), s.contentPack())) {
            if (!Files.isReadable(pack)) {
                throw new IOException(pack + " is missing: install Debian's uqm-voice and uqm-content (section non-free)");
            }
        }
        Directories.delete(s.dir().resolve("wav"));
        Files.createDirectories(s.dir().resolve("wav"));
        Files.deleteIfExists(s.dir().resolve("manifest.jsonl"));
        ImportReport report = new ImportReport();
        try (ZipFile voice = new ZipFile(s.voicePack().toFile()); ZipFile content = new ZipFile(s.contentPack().toFile());
             Manifest.Appender manifest = new Manifest.Appender(s.dir().resolve("manifest.jsonl"))) {
            List<UqmDialogue> dialogues = new ArrayList<>();
            for (String speaker : speakers(voice)) dialogues.add(dialogue(voice, content, speaker));
            int clips = dialogues.stream().mapToInt(d -> d.clips().size()).sum();
            Progress progress = new Progress(log, "clips", clips);
            AtomicLong done = new AtomicLong();
            ExecutorService pool = Executors.newFixedThreadPool(s.threads());
            try {
                List<Future<?>> jobs = new ArrayList<>();
                for (UqmDialogue d : dialogues) {
                    for (UqmDialogue.Clip clip : d.clips()) {
                        jobs.add(pool.submit(() -> {
                            importClip(voice, d.speaker(), clip, manifest, report);
                            progress.update(done.incrementAndGet(), "");
                            return null;
                        }));
                    }
                }
                for (Future<?> f : jobs) f.get();
            } catch (ExecutionException e) {
                throw new IOException("import failed: " + e.getCause().getMessage(), e.getCause());
            } finally {
                pool.shutdownNow();
            }
        }
        report.print(log, SOURCE);
        return report.keptPieces();
    }

    private static Set<String> speakers(ZipFile voice) {
        Set<String> out = new TreeSet<>();
        voice.stream().map(ZipEntry::getName).filter(n -> n.startsWith(VOICE_DIR) && n.endsWith(".ts"))
                .forEach(n -> out.add(n.substring(VOICE_DIR.length(), n.indexOf('/', VOICE_DIR.length()))));
        return out;
    }

    /** The voice pack's own conversation file where it has one (re-worded to match its actors), else the game's. */
    private static UqmDialogue dialogue(ZipFile voice, ZipFile content, String speaker) throws IOException {
        String dir = VOICE_DIR + speaker + "/";
        ZipEntry own = voice.getEntry(dir + speaker + ".txt");
        String conversation = own != null ? text(voice, own) : text(content, required(content, "base/comm/" + speaker + "/" + speaker + ".txt"));
        return UqmDialogue.parse(speaker, conversation, text(voice, required(voice, dir + speaker + ".ts")));
    }

    private static ZipEntry required(ZipFile zip, String name) throws IOException {
        ZipEntry e = zip.getEntry(name);
        if (e == null) throw new IOException(zip.getName() + " has no " + name);
        return e;
    }

    private static String text(ZipFile zip, ZipEntry e) throws IOException {
        try (InputStream in = zip.getInputStream(e)) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private void importClip(ZipFile voice, String speaker, UqmDialogue.Clip clip, Manifest.Appender manifest,
                            ImportReport report) throws IOException {
        ZipEntry entry = voice.getEntry(VOICE_DIR + speaker + "/" + clip.file());
        if (entry == null) {
            report.dropped("clip-missing", 0);
            return;
        }
        Audio audio = decode(voice, entry);
        double clipSeconds = audio.samples().length / (double) audio.sampleRate();
        if (clip.key().contains("OUT_TAKES")) {
            report.dropped("out-take", clipSeconds); // bloopers: said differently from their text
            return;
        }
        if (clip.lineMs().length > Math.max(0, clip.lines().size() - 1)) {
            report.dropped("timings-do-not-fit-lines", clipSeconds);
            return;
        }
        String split = s.devSpeakers().contains(speaker) ? ManifestEntry.DEV : ManifestEntry.TRAIN;
        String base = clip.file().replaceFirst("\\.ogg$", "");
        for (LineCutter.Piece p : LineCutter.cut(audio.samples(), audio.sampleRate(), clip.lines().size(), clip.lineMs())) {
            double seconds = (p.end() - p.start()) / (double) audio.sampleRate();
            TranscriptCheck.Verdict v = TranscriptCheck.check(String.join(" ", clip.lines().subList(p.fromLine(), p.toLine())), seconds);
            if (!v.kept()) {
                report.dropped(v.reason(), seconds);
                continue;
            }
            String id = SOURCE + "/" + base + "-" + p.fromLine();
            String rel = "wav/" + base + "-" + p.fromLine() + ".wav";
            Audio piece = new Audio(Arrays.copyOfRange(audio.samples(), p.start(), p.end()), audio.sampleRate());
            WavWriter.write(piece, s.dir().resolve(rel));
            manifest.append(new ManifestEntry(id, rel, v.text(), SOURCE + ":" + speaker, "none", piece.durationMs(), split,
                    SOURCE, true, LICENCE));
            report.kept(speaker, split, seconds);
        }
    }

    /** The clip as 16 kHz mono, decoded by sox (Ogg Vorbis at 11,025 Hz in the pack). */
    private Audio decode(ZipFile voice, ZipEntry entry) throws IOException {
        Path tmp = Files.createTempFile(s.dir(), "clip", ".wav");
        try {
            Process p = new ProcessBuilder("sox", "-q", "-t", "ogg", "-", "-r", "16000", "-b", "16", "-c", "1", tmp.toString())
                    .redirectErrorStream(true).start();
            try (InputStream in = voice.getInputStream(entry); var out = p.getOutputStream()) {
                in.transferTo(out);
            }
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) throw new IOException("sox could not decode " + entry.getName() + ": " + output.strip());
            return WavReader.read(tmp);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
