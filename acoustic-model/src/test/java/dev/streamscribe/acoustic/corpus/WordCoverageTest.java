package dev.streamscribe.acoustic.corpus;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WordCoverageTest {
    private static List<PromptSources.Prompt> prompts(String... texts) {
        return Stream.of(texts).map(t -> new PromptSources.Prompt(t, "wordnet")).toList();
    }

    private static List<String> texts(List<PromptSources.Prompt> prompts) {
        return prompts.stream().map(PromptSources.Prompt::text).toList();
    }

    @Test
    void promptsWithWordsNotYetHeardComeBeforeThoseOfWordsHeardEnough() {
        List<PromptSources.Prompt> given = prompts(
                "the cat sat", "the cat ran", "the cat sat down", "a canoe of birch bark", "the dog sat", "glue it");
        // two new words beat one; among equals the given order decides; "the cat sat" adds nothing, so it comes last
        assertEquals(List.of("a canoe of birch bark", "the cat sat down", "glue it", "the cat ran", "the dog sat",
                "the cat sat"), texts(WordCoverage.coveringFirst(given, 6, 1)));
        // with every word wanted twice, "the cat sat" brings three words heard once: it comes third
        assertEquals(List.of("a canoe of birch bark", "the cat sat down", "the cat sat", "glue it", "the cat ran",
                "the dog sat"), texts(WordCoverage.coveringFirst(given, 6, 2)));
    }

    @Test
    void theOrderOfTheFirstPicksDoesNotDependOnHowManyArePicked() {
        List<PromptSources.Prompt> given = prompts(
                "the cat sat", "the cat ran", "the cat sat down", "a canoe of birch bark", "the dog sat", "glue it");
        List<String> all = texts(WordCoverage.coveringFirst(given, 6, 1));
        List<String> two = texts(WordCoverage.coveringFirst(given, 2, 1));
        assertEquals(all.subList(0, 2), two.subList(0, 2));
        // past the picks, the rest keep their given (shuffled) order
        assertEquals(List.of("the cat sat", "the cat ran", "the dog sat", "glue it"), two.subList(2, 6));
    }
}
