package dev.streamscribe.acoustic.corpus.recorded;

import dev.streamscribe.acoustic.corpus.ManifestEntry;
import dev.streamscribe.features.audio.Audio;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Imports the conversations of Flight of the Amazon Queen (Debian's {@code flight-of-the-amazon-queen}, section main;
 * freeware, redistributable) as a recorded corpus. Each spoken segment of a conversation file has its own clip, named
 * from the file's talk key and the line's id ({@link QueenDialogue}), so text and audio are linked by the game itself,
 * not by recognition. A clip holds one segment (a sentence or two), checked against its text by
 * {@link TranscriptCheck}. Speakers are the game's characters (Joe, the hero, says half of it); a few voice actors
 * played several characters, so a character held out as dev is a new character, not always a new voice.
 * Cut-scene and object-description lines ({@code .CUT}, {@code QUEEN.JAS}; 1.6 of the 4.6 h) are not read.
 */
public final class QueenImporter {
    public static final String SOURCE = "fotaq";
    public static final String LICENCE = "Flight-of-the-Amazon-Queen-License";
    public static final Path GAME_DATA = Path.of("/usr/share/scummvm/flight-of-the-amazon-queen/queen.1c");
    /** A woman and a man, 8 minutes together. */
    public static final Set<String> DEV_SPEAKERS = Set.of("faye", "jim");

    public record Settings(Path gameData, Path dir, Set<String> devSpeakers, int threads) {
        public static Settings defaults(Path dir) {
            return new Settings(GAME_DATA, dir, DEV_SPEAKERS, Runtime.getRuntime().availableProcessors());
        }
    }

    private final Settings s;
    private final PrintStream log;

    public QueenImporter(Settings settings, PrintStream log) {
        this.s = settings;
        this.log = log;
    }

    /** Writes {@code dir/manifest.jsonl} and {@code dir/wav/}; returns the number of pieces kept. */
    public int run() throws IOException, InterruptedException {
        if (!Files.isReadable(s.gameData())) {
            throw new IOException(s.gameData() + " is missing: install Debian's flight-of-the-amazon-queen");
        }
        try (QueenResources game = new QueenResources(s.gameData());
             RecordedCorpus corpus = new RecordedCorpus(s.dir(), SOURCE, LICENCE)) {
            // a clip is played for one segment only, but a line may sit in two files; the first file names its speaker
            Map<String, QueenDialogue.Line> byClip = new LinkedHashMap<>();
            for (String name : game.names()) {
                if (!name.endsWith(".DOG")) continue;
                for (QueenDialogue.Line line : QueenDialogue.parse(name, game.bytes(name))) byClip.putIfAbsent(line.clip(), line);
            }
            List<RecordedCorpus.ClipJob> jobs = new ArrayList<>();
            for (QueenDialogue.Line line : byClip.values()) jobs.add(() -> importLine(game, line, corpus));
            corpus.importClips(jobs, s.threads(), log);
            return corpus.finish(log);
        }
    }

    private void importLine(QueenResources game, QueenDialogue.Line line, RecordedCorpus corpus) throws IOException {
        if (!game.has(line.clip())) {
            corpus.drop("not-voiced", 0);
            return;
        }
        Audio audio = corpus.decode(new ByteArrayInputStream(game.bytes(line.clip())), game.speechType(), line.clip());
        TranscriptCheck.Verdict v = TranscriptCheck.check(line.text(), audio.samples().length / (double) audio.sampleRate());
        if (!v.kept()) {
            corpus.drop(v.reason(), audio.samples().length / (double) audio.sampleRate());
            return;
        }
        String split = s.devSpeakers().contains(line.speaker()) ? ManifestEntry.DEV : ManifestEntry.TRAIN;
        corpus.keep(line.clip().replace(".SB", "").toLowerCase(Locale.ROOT), audio, v.text(), line.speaker(), split);
    }
}
