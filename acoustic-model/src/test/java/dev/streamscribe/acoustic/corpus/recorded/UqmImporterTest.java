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

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The importer on two small packs laid out like Debian's uqm-voice and uqm-content: espeak-ng speaks the lines,
 * sox encodes them as Ogg Vorbis at 11,025 Hz like the game's clips.
 */
class UqmImporterTest {
    private static final Voice VOICE = new Voice(Engine.ESPEAK_NG, "en-us", 150, 50);

    @Test
    void clipsAreCutAtTheirLinesCheckedAndSplitBySpeaker(@TempDir Path dir) throws Exception {
        Renderer renderer = new Renderer(Files.createDirectories(dir.resolve("tmp")), List.of());
        Audio first = renderer.render("welcome back captain", VOICE, Augmentation.NONE, 1);
        Audio second = renderer.render("what do you wish of us", VOICE, Augmentation.NONE, 2);
        Audio both = concat(first, silence(0.6), second);
        int firstMs = (int) (first.durationMs() + 300);

        Path voicePack = dir.resolve("voice.uqm");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(voicePack))) {
            // the voice pack's own conversation file for one speaker; the other's comes from the content pack
            put(z, "3dovoice/syreen/syreen.txt", """
                    #(HELLO)\tsyreen-000.ogg
                    Welcome back, Captain.
                    What do you wish of us?

                    #(player_line)
                    Not voiced, so not imported.

                    #(OUT_TAKES)\tsyreen-001.ogg
                    Welcome back, Captain.
                    """);
            put(z, "3dovoice/syreen/syreen.ts", "#(HELLO) " + firstMs + "\n#(player_line) \n#(OUT_TAKES) \n");
            put(z, "3dovoice/syreen/syreen-000.ogg", GameClips.encode(both, "ogg", dir));
            put(z, "3dovoice/syreen/syreen-001.ogg", GameClips.encode(first, "ogg", dir));
            put(z, "3dovoice/spathi/spathi.ts", "#(FUEL) \n#(PRICE) \n");
            put(z, "3dovoice/spathi/spathi-000.ogg", GameClips.encode(second, "ogg", dir));
            put(z, "3dovoice/spathi/spathi-001.ogg", GameClips.encode(first, "ogg", dir));
        }
        Path contentPack = dir.resolve("content.uqm");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(contentPack))) {
            put(z, "base/comm/spathi/spathi.txt", """
                    #(FUEL)\tspathi-000.ogg
                    What do you wish of us?

                    #(PRICE)\tspathi-001.ogg
                    That costs 12,000 credits.
                    """);
        }

        Path out = dir.resolve("uqm");
        int kept = new UqmImporter(new UqmImporter.Settings(voicePack, contentPack, out, Set.of("syreen"), 2), System.out).run();

        List<ManifestEntry> entries = Manifest.read(out.resolve("manifest.jsonl"));
        assertEquals(3, kept);
        Map<String, ManifestEntry> byText = entries.stream().collect(Collectors.toMap(
                e -> e.voice() + " " + e.text(), e -> e));
        assertEquals(Set.of("uqm:syreen welcome back captain", "uqm:syreen what do you wish of us",
                "uqm:spathi what do you wish of us"), byText.keySet(), "the out-take and the price in figures are dropped");
        for (ManifestEntry e : entries) {
            assertEquals(e.voice().equals("uqm:syreen") ? ManifestEntry.DEV : ManifestEntry.TRAIN, e.split());
            assertTrue(e.recorded());
            assertEquals(UqmImporter.LICENCE, e.licence());
            Audio piece = WavReader.read(out.resolve(e.audio()));
            assertEquals(16000, piece.sampleRate());
            assertEquals(piece.durationMs(), e.durationMs());
        }
        // the cut falls in the pause: each piece is about as long as its line alone, not the whole clip
        long firstPiece = byText.get("uqm:syreen welcome back captain").durationMs();
        long secondPiece = byText.get("uqm:syreen what do you wish of us").durationMs();
        assertTrue(Math.abs(firstPiece - first.durationMs()) < 500, firstPiece + " ms against " + first.durationMs());
        assertTrue(Math.abs(secondPiece - second.durationMs()) < 500, secondPiece + " ms against " + second.durationMs());
    }

    private static Audio silence(double seconds) {
        return new Audio(new float[(int) (seconds * 16000)], 16000);
    }

    private static Audio concat(Audio... parts) {
        int n = 0;
        for (Audio a : parts) n += a.samples().length;
        float[] x = new float[n];
        int at = 0;
        for (Audio a : parts) {
            System.arraycopy(a.samples(), 0, x, at, a.samples().length);
            at += a.samples().length;
        }
        return new Audio(x, 16000);
    }

    private static void put(ZipOutputStream z, String name, String text) throws IOException {
        put(z, name, text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static void put(ZipOutputStream z, String name, byte[] bytes) throws IOException {
        z.putNextEntry(new ZipEntry(name));
        OutputStream o = z;
        o.write(bytes);
        z.closeEntry();
    }
}
