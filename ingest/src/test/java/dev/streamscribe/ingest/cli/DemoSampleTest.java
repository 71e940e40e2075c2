package dev.streamscribe.ingest.cli;

import dev.streamscribe.acoustic.model.Alphabet;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DemoSampleTest {
    @Test
    void theSampleTextIsThreeSentencesAsTranscriptsSpellThem() throws Exception {
        List<String> text = DemoCommand.sampleText();
        assertEquals(3, text.size());
        for (String line : text) assertEquals(Alphabet.normalise(line), line, "a reference the transcripts' alphabet cannot spell would count as errors");
    }

    @Test
    void theScoreCountsWordsAcrossFinalsHoweverTheyAreCut() {
        List<String> reference = List.of("glue the sheet", "to the dark blue background");
        assertTrue(DemoCommand.score(reference, List.of("glue the", "sheet to the dark blue background")).contains("at 0.0% WER, 0.0% CER"));
        assertTrue(DemoCommand.score(reference, List.of("blow the sheet to the dark", "blue background")).contains("at 12.5% WER"));
    }
}
