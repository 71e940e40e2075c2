package dev.streamscribe.acoustic.corpus;

import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VoiceTest {

    /**
     * The shipped models were trained on a corpus made before mbrola and pico were added; drawing from the other
     * three engines must still give its voices and augmentations (these are the first lines of its manifest).
     */
    @Test
    void threeEngineCorpusIsTheOneTheShippedModelsWereTrainedOn() {
        Set<Engine> engines = EnumSet.of(Engine.ESPEAK_NG, Engine.FLITE, Engine.FESTIVAL);
        List<String> expected = List.of("flite:slt speed1.00,gain-2dB",
                "espeak-ng:en-029+m4@153/65 speed0.91,pink@18dB,gain-4dB",
                "espeak-ng:en-029+m1@159/73 speed0.92,gain-16dB");
        for (int i = 0; i < expected.size(); i++) {
            Random r = CorpusGenerator.seeded(CorpusGenerator.utteranceSeed(20261123L, i));
            String drawn = VoicePool.of(engines).pick(r).label() + " " + Augmentation.pick(r).label();
            assertEquals(expected.get(i), drawn, "utterance " + i);
        }
    }

    @Test
    void enginesAreDrawnByTheirShares() {
        Set<Engine> all = EnumSet.allOf(Engine.class);
        int total = all.stream().mapToInt(Engine::share).sum();
        Map<Engine, Integer> counts = new EnumMap<>(Engine.class);
        Random r = new Random(7);
        int draws = 40_000;
        for (int i = 0; i < draws; i++) counts.merge(VoicePool.of(all).pick(r).engine(), 1, Integer::sum);
        for (Engine e : all) {
            double expected = (double) e.share() / total;
            assertEquals(expected, counts.getOrDefault(e, 0) / (double) draws, 0.01, e.label());
        }
        Set<Engine> one = EnumSet.of(Engine.PICO);
        for (int i = 0; i < 100; i++) assertEquals(Engine.PICO, VoicePool.of(one).pick(r).engine());
    }

    @Test
    void mbrolaPicoAndRhvoiceRenderThroughTheirOwnPrograms() {
        assertEquals(List.of("espeak-ng", "-v", "mb-us2", "-s", "150", "-p", "40", "-w", "out.wav", "hello there"),
                new Voice(Engine.MBROLA, "us2", 150, 40).command("hello there", "out.wav"));
        assertEquals(List.of("pico2wave", "-l", "en-GB", "-w", "out.wav", "hello there"),
                new Voice(Engine.PICO, "en-GB", 0, 0).command("hello there", "out.wav"));
        assertEquals("mbrola:us2@150/40", new Voice(Engine.MBROLA, "us2", 150, 40).label());
        assertEquals("pico:en-GB", new Voice(Engine.PICO, "en-GB", 0, 0).label());
        Voice rhvoice = new Voice(Engine.RHVOICE, "clb", 90, 110);
        assertEquals(List.of("RHVoice-test", "-p", "clb", "-r", "90", "-t", "110", "-o", "out.wav"), rhvoice.command("hello there", "out.wav"));
        assertTrue(rhvoice.textOnStdin(), "RHVoice-test reads the text from standard input");
    }

    @Test
    void engineListsParseAndUnknownNamesAreRefused() {
        assertEquals(EnumSet.of(Engine.ESPEAK_NG, Engine.PICO), Engine.parse("pico, espeak-ng"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Engine.parse("espeak-ng,mbrol"));
        assertTrue(e.getMessage().contains("'mbrol'") && e.getMessage().contains("espeak-ng,flite,festival,mbrola,pico"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Engine.parse(" , "));
    }

    @Test
    void harvardFolderKeepsItsSevenVoicesAndOffersTheNewEnginesApart() {
        List<String> reported = HarvardSet.voices(HarvardSet.DEFAULT_VOICES).stream().map(Voice::label).toList();
        assertEquals(List.of("espeak-ng:en-us@160/50", "espeak-ng:en-gb+m3@150/40", "flite:slt", "flite:kal16",
                "flite:rms", "festival:kal_diphone", "festival:cmu_us_slt_arctic_hts"), reported);
        assertEquals(6, HarvardSet.voices(VoicePool.of(EnumSet.of(Engine.MBROLA, Engine.PICO))).size());
        assertEquals(List.of("flite:slt", "festival:kal_diphone"),
                HarvardSet.voices(VoicePool.parse("flite:slt,festival:kal_diphone")).stream().map(Voice::label).toList());
    }

    @Test
    void namedVoicesAreTheOnlyOnesDrawnOfTheirEngineAndTheOtherEnginesKeepAll() {
        VoicePool pool = VoicePool.parse("espeak-ng:en-us, flite:slt, flite:kal16, festival");
        assertEquals("espeak-ng:en-us,flite:slt,flite:kal16,festival", pool.label());
        assertEquals(pool, VoicePool.parse(pool.label()));
        Map<String, Integer> counts = new java.util.TreeMap<>();
        Random r = new Random(11);
        for (int i = 0; i < 20_000; i++) {
            Voice v = pool.pick(r);
            assertTrue(pool.allows(v), v.label());
            counts.merge(v.engine() == Engine.ESPEAK_NG ? "espeak-ng:" + v.baseName() : v.label(), 1, Integer::sum);
        }
        assertEquals(Set.of("espeak-ng:en-us", "flite:slt", "flite:kal16", "festival:kal_diphone",
                "festival:ked_diphone", "festival:cmu_us_slt_arctic_hts"), counts.keySet());
        // flite's share (35 of 100) is split between its two named voices
        assertEquals(0.175, counts.get("flite:slt") / 20_000.0, 0.01);
        assertEquals(0.45, counts.get("espeak-ng:en-us") / 20_000.0, 0.01);
        // naming an engine whole as well takes back its limit
        assertEquals(VoicePool.parse("flite"), VoicePool.parse("flite:slt,flite"));
    }

    @Test
    void unknownVoicesAreRefusedNamingTheEnginesVoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VoicePool.parse("flite:sl"));
        assertTrue(e.getMessage().contains("'sl'") && e.getMessage().contains("kal16,awb,rms,slt"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> VoicePool.parse("fliet:slt"));
    }
}
