package dev.streamscribe.acoustic.training;

import dev.streamscribe.acoustic.corpus.Augmentation;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class DegradedShareTest {
    private static final String[] LABELS = {"speed0.91,gain-4dB", "pitch-120,gain-2dB", "reverb35,gain-1dB",
            "telephone,gain-3dB", "speed1.05,pink@18dB,gain-4dB", "gain0dB", "pitch50,band11k,gain-6dB"};

    @Test
    void channelDegradationsAreToldApartFromVoiceAndLevelChanges() {
        boolean[] expected = {false, false, true, true, true, false, true};
        for (int i = 0; i < LABELS.length; i++) assertEquals(expected[i], Augmentation.degrades(LABELS[i]), LABELS[i]);
    }

    @Test
    void aPassKeepsEveryCleanUtteranceAndDrawsDegradedOnesUpToTheShare() {
        List<Utterance> train = new ArrayList<>();
        Set<String> degraded = new HashSet<>();
        for (int i = 0; i < 400; i++) {
            train.add(Utterance.of("u" + i, new float[0][0], new int[0], ""));
            if (i % 4 != 0) degraded.add("u" + i); // 100 clean, 300 degraded
        }
        Random random = new Random(1);
        List<Utterance> first = Trainer.pass(train, degraded, 0.5, random);
        List<Utterance> second = Trainer.pass(train, degraded, 0.5, random);
        for (List<Utterance> pass : List.of(first, second)) {
            assertEquals(200, pass.size());
            assertEquals(100, pass.stream().filter(u -> degraded.contains(u.id())).count());
            assertEquals(200, pass.stream().map(Utterance::id).distinct().count());
        }
        assertNotEquals(first.stream().map(Utterance::id).toList(), second.stream().map(Utterance::id).toList(),
                "each pass draws its degraded utterances afresh");

        assertSame(train, Trainer.pass(train, degraded, 1.0, random));
        assertSame(train, Trainer.pass(train, degraded, 0.8, random), "a share above the corpus's own keeps everything");
        assertEquals(125, Trainer.pass(train, degraded, 0.2, random).size(), "100 clean + 25 degraded");
        assertEquals(100, Trainer.pass(train, degraded, 0.0, random).size(), "the clean ones only");
    }

    @Test
    void recordedSpeechIsAllInEveryPassAndSynthesisedSitsOutToMakeItsShare() {
        List<Utterance> train = new ArrayList<>();
        Set<String> recorded = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            train.add(Utterance.of("u" + i, new float[0][0], new int[0], ""));
            if (i % 10 == 0) recorded.add("u" + i); // 100 recorded, 900 synthesised
        }
        Random random = new Random(2);
        List<Utterance> first = Trainer.pass(train, Set.of(), recorded, new Trainer.Mix(1, 0.4, false), random);
        List<Utterance> second = Trainer.pass(train, Set.of(), recorded, new Trainer.Mix(1, 0.4, false), random);
        for (List<Utterance> pass : List.of(first, second)) {
            assertEquals(250, pass.size(), "100 recorded are 40% of 250");
            assertEquals(100, pass.stream().filter(u -> recorded.contains(u.id())).count());
            assertEquals(250, pass.stream().map(Utterance::id).distinct().count());
        }
        assertNotEquals(first.stream().map(Utterance::id).toList(), second.stream().map(Utterance::id).toList(),
                "each pass draws its synthesised utterances afresh");
        assertEquals(1000, Trainer.pass(train, Set.of(), recorded, Trainer.Mix.ALL, random).size(), "share 0: as it comes");
        assertEquals(1000, Trainer.pass(train, Set.of(), recorded, new Trainer.Mix(1, 0.05, false), random).size(),
                "a share below the corpus's own keeps everything");
    }
}
