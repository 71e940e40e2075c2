package dev.streamscribe.acoustic.corpus.recorded;

import dev.streamscribe.acoustic.corpus.Augmentation;
import dev.streamscribe.acoustic.corpus.Engine;
import dev.streamscribe.acoustic.corpus.Manifest;
import dev.streamscribe.acoustic.corpus.ManifestEntry;
import dev.streamscribe.acoustic.corpus.Renderer;
import dev.streamscribe.acoustic.corpus.Voice;
import dev.streamscribe.features.audio.Audio;
import dev.streamscribe.features.audio.WavReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The importer on a small resource file laid out like Debian's {@code queen.1c}: one conversation file with Joe's
 * and a person's lines, stage directions between segments, and espeak-ng speech as MP3 at 11,025 Hz for the clips.
 */
class QueenImporterTest {
    private static final Voice VOICE = new Voice(Engine.ESPEAK_NG, "en-us", 150, 50);
    private static final int TALK_KEY = 5;

    @Test
    void eachVoicedSegmentIsKeptWithItsClipAndSpeaker(@TempDir Path dir) throws Exception {
        Renderer renderer = new Renderer(Files.createDirectories(dir.resolve("tmp")), List.of());
        Map<String, byte[]> resources = new LinkedHashMap<>();
        resources.put("BOB1.DOG", dog());
        // clip names: talk key, line id (hex) or SSSS/XXXX, J or P, segment number
        for (String[] clip : new String[][]{
                {"05SSSSJ1.SB", "hello there"}, {"050003J1.SB", "i need a boat"},
                {"050001P2.SB", "welcome to my shop"}, {"050001P3.SB", "take a look"},
                {"05XXXXP1.SB", "back again"}}) {
            resources.put(clip[0], GameClips.encode(renderer.render(clip[1], VOICE, Augmentation.NONE, 1), "mp3", dir));
        }
        Path game = dir.resolve("queen.1c");
        Files.write(game, resourceFile("CEM10", resources));

        Path out = dir.resolve("fotaq");
        int kept = new QueenImporter(new QueenImporter.Settings(game, out, Set.of("bob"), 2), System.out).run();

        List<ManifestEntry> entries = Manifest.read(out.resolve("manifest.jsonl"));
        assertEquals(5, kept);
        Map<String, String> textById = entries.stream().collect(Collectors.toMap(ManifestEntry::id, ManifestEntry::text));
        assertEquals(Map.of(
                "fotaq/05ssssj1", "hello there",
                "fotaq/050003j1", "i need a boat",
                "fotaq/050001p2", "welcome to my shop",
                "fotaq/050001p3", "take a look",
                "fotaq/05xxxxp1", "back again"), textById,
                "segments split at stage directions, the unvoiced line and the \"0\" placeholder left out");
        for (ManifestEntry e : entries) {
            boolean joe = e.id().contains("j");
            assertEquals(joe ? "fotaq:joe" : "fotaq:bob", e.voice());
            assertEquals(joe ? ManifestEntry.TRAIN : ManifestEntry.DEV, e.split());
            assertTrue(e.recorded());
            assertEquals(QueenImporter.LICENCE, e.licence());
            Audio clip = WavReader.read(out.resolve(e.audio()));
            assertEquals(16000, clip.sampleRate());
            assertTrue(clip.durationMs() > 500, e.id() + " holds speech: " + clip.durationMs() + " ms");
        }
    }

    @Test
    void otherVersionsAreRefusedWithTheReason(@TempDir Path dir) throws Exception {
        Path floppy = dir.resolve("queen.1c");
        Files.write(floppy, resourceFile("PEM10", Map.of("BOB1.DOG", dog())));
        IOException e = assertThrows(IOException.class,
                () -> new QueenImporter(new QueenImporter.Settings(floppy, dir.resolve("out"), Set.of(), 1), System.out).run());
        assertTrue(e.getMessage().contains("only the English CD version"), e.getMessage());
    }

    /** A conversation file: Joe's first-meeting line and one more, two lines of the person, second-meeting lines. */
    private static byte[] dog() {
        ByteBuffer b = ByteBuffer.allocate(512);
        b.position(20); // header the engine skips
        int levels = 1;
        b.putShort((short) levels).putShort((short) 7).putShort((short) TALK_KEY)
                .putShort((short) 2).putShort((short) 2); // Joe's lines, the person's lines
        int fields = b.position();
        int joeAt = 20 + 32 + levels * 96;
        b.position(joeAt);
        line(b, 0, "Hello there."); // the first entry of Joe's list is the first-meeting line, id 0
        line(b, 3, "I need a boat.");
        int personAt = b.position();
        line(b, 1, "*FLWelcome to my shop.*00Take a look.");
        line(b, 2, "We are closed today."); // no clip: not voiced
        int secondMeetingAt = b.position();
        string(b, "Back again?", 2);
        string(b, "0", 2); // Joe has nothing to say the second time
        b.putShort(fields + 12, (short) (personAt - 20)).putShort(fields + 16, (short) (secondMeetingAt - 20));
        return Arrays.copyOf(b.array(), b.position());
    }

    private static void line(ByteBuffer b, int id, String text) {
        b.putShort((short) 0).putShort((short) id);
        string(b, text, 4);
    }

    private static void string(ByteBuffer b, String text, int align) {
        byte[] t = text.getBytes(StandardCharsets.ISO_8859_1);
        int start = b.position() - 20;
        b.put((byte) t.length).put(t);
        int end = (start + 1 + t.length + align - 1) & ~(align - 1);
        b.position(20 + end);
    }

    private static byte[] resourceFile(String version, Map<String, byte[]> resources) {
        int tableEnd = 15 + 21 * resources.size();
        ByteBuffer table = ByteBuffer.allocate(tableEnd);
        table.put("QTBL".getBytes(StandardCharsets.ISO_8859_1)).put(Arrays.copyOf(version.getBytes(StandardCharsets.ISO_8859_1), 6))
                .put(new byte[2]).put((byte) 1).putShort((short) resources.size());
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (Map.Entry<String, byte[]> r : resources.entrySet()) {
            table.put(Arrays.copyOf(r.getKey().getBytes(StandardCharsets.ISO_8859_1), 12)).put((byte) 1)
                    .putInt(tableEnd + data.size()).putInt(r.getValue().length);
            data.writeBytes(r.getValue());
        }
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(table.array());
        file.writeBytes(data.toByteArray());
        return file.toByteArray();
    }
}
