package dev.streamscribe.ingest.cli;

import dev.streamscribe.acoustic.model.Alphabet;
import dev.streamscribe.ingest.topology.Transcript;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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

    /** The end-of-stream marker after the last utterance has no words: it is printed as the stream's end, not as a final. */
    @Test
    void theEmptyEndOfStreamFinalIsPrintedAsTheEnd() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DemoCommand.Console console = new DemoCommand.Console(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        console.print(new Transcript("demo", 2, Transcript.FINAL, "go on", 1000, 2000, 0.9, List.of(), 2000, "t", "m", null));
        console.print(new Transcript("demo", 3, Transcript.FINAL, "", 10590, 10590, 0.0, List.of(), 10590, "t", "m", true));
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("FINAL   #2") && lines.get(0).contains("go on"), lines.get(0));
        assertEquals("end of stream at 10.59 s", lines.get(1));
        assertEquals(List.of("go on"), console.finals);
    }
}
