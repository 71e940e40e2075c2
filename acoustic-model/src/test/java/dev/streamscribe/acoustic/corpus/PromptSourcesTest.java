package dev.streamscribe.acoustic.corpus;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PromptSourcesTest {
    // Lines of WordNet 3.0's data files (wordnet-base), as PromptSources reads them.
    private static final String CANOE = "02951358 06 n 01 canoe 0 007 @ 04244997 n 0000 + 09891470 n 0101 + 01947561 v 0101"
            + " ~ 02843029 n 0000 ~ 03254374 n 0000 ~ 03609235 n 0000 ~ 03861430 n 0000 | small and light boat; pointed at"
            + " both ends; propelled with a paddle  ";
    private static final String BREATHE = "00001740 29 v 04 breathe 0 take_a_breath 0 respire 0 suspire 3 021 * 00005041 v"
            + " 0000 02 + 02 00 + 08 00 | draw air into, and expel out of, the lungs; \"I can breathe better when the air is"
            + " clean\"; \"The patient is respiring\"  ";
    private static final String MONETIZATION = "00154689 04 n 02 monetization 1 monetisation 1 004 @ 00153961 n 0000 |"
            + " establishing something (e.g. gold or silver) as the legal tender of a country  ";

    @Test
    void aDefinitionIsTheGlossBeforeItsUsageExamples() {
        assertEquals(Optional.of("small and light boat; pointed at both ends; propelled with a paddle"),
                PromptSources.definition(CANOE));
        assertEquals(Optional.of("draw air into, and expel out of, the lungs;"), PromptSources.definition(BREATHE));
    }

    @Test
    void aDefinitionWithAnAbbreviationIsLeftOutBecauseItsAudioWouldNotMatchItsText() {
        assertEquals(Optional.empty(), PromptSources.definition(MONETIZATION));
        assertEquals(Optional.empty(), PromptSources.definition("00001740 29 v 04 breathe 0 021 02 + 02 00"));
    }

    @Test
    void theDefaultSourcesAreThoseOfTheShippedCorporaAndDefinitionsComeLast() {
        assertEquals(List.of("wordnet", "fortunes", "austen", "bible-kjv"), PromptSources.DEFAULT_SOURCES);
        assertEquals(PromptSources.DEFAULT_SOURCES, PromptSources.SOURCES.subList(0, PromptSources.DEFAULT_SOURCES.size()));
        assertEquals(List.of("bible-kjv", "wordnet-glosses"), PromptSources.parse(" bible-kjv,,wordnet-glosses"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PromptSources.parse("wordnet,glosses"));
        assertEquals("unknown text source 'glosses'; known: wordnet, fortunes, austen, bible-kjv, wordnet-glosses", e.getMessage());
    }
}
