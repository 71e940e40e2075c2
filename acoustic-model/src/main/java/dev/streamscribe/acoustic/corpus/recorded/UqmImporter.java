package dev.streamscribe.acoustic.corpus.recorded;

import dev.streamscribe.acoustic.corpus.ManifestEntry;
import dev.streamscribe.features.audio.Audio;

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
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Imports the voice-acted dialogue of The Ur-Quan Masters (Debian's {@code uqm-voice} and {@code uqm-content}, from
 * non-free) as a recorded corpus: each speaker's clips, cut into one piece per subtitle line where a pause allows
 * ({@link LineCutter}), checked against their text ({@link TranscriptCheck}), converted to 16 kHz WAV by sox. A
 * speaker (a race in the game; one voice actor each, as far as the credits tell) is either all train or all dev, so
 * the dev set measures voices the model never heard.
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
        try (ZipFile voice = new ZipFile(s.voicePack().toFile()); ZipFile content = new ZipFile(s.contentPack().toFile());
             RecordedCorpus corpus = new RecordedCorpus(s.dir(), SOURCE, LICENCE)) {
            List<RecordedCorpus.ClipJob> jobs = new ArrayList<>();
            for (String speaker : speakers(voice)) {
                UqmDialogue d = dialogue(voice, content, speaker);
                for (UqmDialogue.Clip clip : d.clips()) jobs.add(() -> importClip(voice, speaker, clip, corpus));
            }
            corpus.importClips(jobs, s.threads(), log);
            return corpus.finish(log);
        }
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

    private void importClip(ZipFile voice, String speaker, UqmDialogue.Clip clip, RecordedCorpus corpus) throws IOException {
        ZipEntry entry = voice.getEntry(VOICE_DIR + speaker + "/" + clip.file());
        if (entry == null) {
            corpus.drop("clip-missing", 0);
            return;
        }
        Audio audio;
        try (InputStream in = voice.getInputStream(entry)) {
            audio = corpus.decode(in, "ogg", entry.getName());
        }
        double clipSeconds = audio.samples().length / (double) audio.sampleRate();
        if (clip.key().contains("OUT_TAKES")) {
            corpus.drop("out-take", clipSeconds); // bloopers: said differently from their text
            return;
        }
        if (clip.lineMs().length > Math.max(0, clip.lines().size() - 1)) {
            corpus.drop("timings-do-not-fit-lines", clipSeconds);
            return;
        }
        String split = s.devSpeakers().contains(speaker) ? ManifestEntry.DEV : ManifestEntry.TRAIN;
        String base = clip.file().replaceFirst("\\.ogg$", "");
        for (LineCutter.Piece p : LineCutter.cut(audio.samples(), audio.sampleRate(), clip.lines().size(), clip.lineMs())) {
            double seconds = (p.end() - p.start()) / (double) audio.sampleRate();
            TranscriptCheck.Verdict v = TranscriptCheck.check(String.join(" ", clip.lines().subList(p.fromLine(), p.toLine())), seconds);
            if (!v.kept()) {
                corpus.drop(v.reason(), seconds);
                continue;
            }
            Audio piece = new Audio(Arrays.copyOfRange(audio.samples(), p.start(), p.end()), audio.sampleRate());
            corpus.keep(base + "-" + p.fromLine(), piece, v.text(), speaker, split);
        }
    }
}
