package dev.streamscribe.decoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamscribe.decoder.lm.ArpaModel;
import dev.streamscribe.decoder.lm.LanguageModel;
import dev.streamscribe.decoder.lm.NgramBuilder;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CtcStreamDecoderTest {
    private static final double FRAME_MS = 30;
    private static final DecoderConfig GREEDY = DecoderConfig.DEFAULT.withBeamWidth(1);
    private static final DecoderConfig BEAM = DecoderConfig.DEFAULT;

    @Test
    void greedyCollapsesRepeatsDropsBlanksAndTimesWords() {
        float[][] frames = new Frames().spell("hh_el_lo world", 0.9).build();

        UtteranceResult result = decode(GREEDY, null, frames);

        assertEquals("hello world", result.text());
        assertEquals(List.of("hello", "world"), result.words().stream().map(Word::word).toList());
        Word hello = result.words().get(0);
        Word world = result.words().get(1);
        assertEquals(0, hello.startMs());
        assertEquals(8 * 30, hello.endMs()); // its 'o' is frame 7
        assertEquals(9 * 30, world.startMs());
        assertEquals(14 * 30, world.endMs());
        assertEquals(0.9, hello.confidence(), 1e-6);
        assertEquals(0.9, result.confidence(), 1e-6);
        assertEquals(0, result.startMs());
        assertEquals(14 * 30, result.endMs());
        assertEquals(14 * 30, result.audioMs());
    }

    @Test
    void beamSearchAgreesWithGreedyOnClearFrames() {
        float[][] frames = new Frames().spell("hh_el_lo world", 0.9).build();

        assertEquals(decode(GREEDY, null, frames), decode(BEAM, null, frames));
    }

    @Test
    void beamSearchSumsAlignmentsWhereTheBestPathIsWrong() {
        // "a" has three alignments (aa, a_, _a) worth 0.64 together; the best single path is blank blank
        float[][] frames = new Frames().frame("a_", 0.4, 0.6).frame("a_", 0.4, 0.6).build();

        assertEquals("", decode(GREEDY, null, frames).text());
        UtteranceResult beam = decode(BEAM, null, frames);
        assertEquals("a", beam.text());
        assertEquals(new Word("a", 0, 30, beam.words().get(0).confidence()), beam.words().get(0));
        assertEquals(0.4, beam.confidence(), 1e-6);
    }

    @Test
    void languageModelPicksTheWordItKnowsBetweenAcousticTwins() throws IOException {
        float[][] frames = redOrRadCar();

        assertEquals("rad car", decode(BEAM, null, frames).text()); // an exact tie without a model
        assertEquals("red car", decode(BEAM, lm("the red car", "a red car", "red car"), frames).text());
        assertEquals("rad car", decode(BEAM, lm("the rad car", "a rad car", "rad car"), frames).text());
    }

    @Test
    void misspeltRunOnsDoNotEscapeTheLanguageModel() throws IOException {
        // the space between the words is heard but not clearly: gluing them into one unknown word would pay the LM
        // once instead of twice, were the letters spelt past the vocabulary free; even without an OOV penalty
        float[][] frames = new Frames().spell("red", 0.9).frame(" _", 0.2, 0.8).spell("car", 0.9).build();
        LanguageModel lm = lm("the red bus", "a big bus", "the bus", "a car", "the big bus", "a bus");

        for (double penalty : new double[] {0, 5}) {
            assertEquals("red car", decode(BEAM.withLmWeight(1.0).withOovPenalty(penalty), lm, frames).text());
        }
    }

    @Test
    void oovPenaltyPrefersTheKnownWordOfTwoAcousticNeighbours() throws IOException {
        float[][] frames = new Frames().spell("ca", 0.9).frame("tr", 0.97, 0.02).build();
        LanguageModel lm = lm("the red car", "a car", "the car", "a red bus");

        assertEquals("cat", decode(BEAM.withOovPenalty(0), lm, frames).text());
        assertEquals("car", decode(BEAM, lm, frames).text());
    }

    @Test
    void knownWordsAreNotRunIntoAnUnknownOne() throws IOException {
        // "zug" is outside the vocabulary whichever way it is spelt on: were the letters past the vocabulary free,
        // running "red car" into it ("zugredcar") would escape both their LM scores for the one penalty already paid
        float[][] frames = new Frames().spell("zug", 0.99).frame(" _", 0.2, 0.8).spell("red", 0.9)
                .frame(" _", 0.2, 0.8).spell("car", 0.9).build();
        LanguageModel lm = lm("the red bus", "a big bus", "the bus", "a car", "the big bus", "a bus");

        assertEquals("zug red car", decode(BEAM.withLmWeight(1.0).withOovPenalty(5), lm, frames).text());
    }

    @Test
    void hotWordFlipsATie() {
        float[][] frames = redOrRadCar();

        assertEquals("rad car", decode(BEAM, null, frames).text());
        assertEquals("red car", decode(BEAM.withHotWords(HotWords.of(Map.of("red", 1.0))), null, frames).text());
    }

    @Test
    void aHotWordTheModelScoresLowerIsSpeltAndAWordSharingOnlyItsStartGetsNothing() {
        float[][] frames = new Frames().spell("r", 0.9).frame("eo", 0.6, 0.3).spell("d car", 0.9).build();

        assertEquals("red car", decode(BEAM, null, frames).text());
        assertEquals("rod car", decode(BEAM.withHotWords(HotWords.of(Map.of("rod", 2.0))), null, frames).text());
        assertEquals("red car", decode(BEAM.withHotWords(HotWords.of(Map.of("redwood", 20.0))), null, frames).text());
    }

    @Test
    void aPhraseBoostsItsLaterWordsOnlyAfterItsEarlierOnes() {
        float[][] big = new Frames().spell("big b", 0.9).frame("ua", 0.3, 0.6).spell("s", 0.9).build();
        float[][] the = new Frames().spell("the b", 0.9).frame("ua", 0.3, 0.6).spell("s", 0.9).build();
        DecoderConfig hot = BEAM.withHotWords(HotWords.of(Map.of("big bus", 3.0)));

        assertEquals("big bas", decode(BEAM, null, big).text());
        assertEquals("big bus", decode(hot, null, big).text());
        assertEquals("the bas", decode(hot, null, the).text());
    }

    @Test
    void endpointAfterSilenceThenNextUtteranceWithPartialsEvery200Ms() {
        CtcStreamDecoder decoder = new CtcStreamDecoder(BEAM, null, FRAME_MS);
        List<UtteranceResult> results = new ArrayList<>(decoder.accept(
                new Frames().spell("h_i", 0.9).silence(25).spell("yo", 0.9).build()));
        results.addAll(decoder.finish());

        // partials every 7 frames (210 ms, the first multiple of 30 ms reaching 200); the final once 20 frames
        // (600 ms) followed the 'i' of frame 2; the partial counter restarts with the next utterance
        assertEquals(List.of("partial 0 hi @210", "partial 0 hi @420", "partial 0 hi @630", "final 0 hi @690",
                "partial 1 yo @900", "final 1 yo @900 eos"), results.stream().map(CtcStreamDecoderTest::describe).toList());
        UtteranceResult first = results.get(3);
        assertEquals(0, first.startMs());
        assertEquals(90, first.endMs());
        UtteranceResult second = results.get(5);
        assertEquals(28 * 30, second.startMs()); // times count from the start of the stream
        assertEquals(List.of(new Word("yo", 28 * 30, 30 * 30, second.words().get(0).confidence())), second.words());
    }

    @Test
    void maxUtteranceLengthForcesAFinalAndSilenceBeforeSpeechDoesNotCount() {
        CtcStreamDecoder decoder = new CtcStreamDecoder(BEAM.withMaxUtteranceMs(1000), null, FRAME_MS);
        List<UtteranceResult> finals = decoder.accept(
                        new Frames().silence(100).spell("ab".repeat(20), 0.9).build())
                .stream().filter(UtteranceResult::isFinal).toList();

        // 1000 ms is 34 frames, counted from the first spoken frame (100)
        assertEquals(1, finals.size(), finals.toString());
        assertEquals(134 * 30, finals.get(0).audioMs());
        assertEquals("ab".repeat(17), finals.get(0).text());
        assertEquals(100 * 30, finals.get(0).startMs());
        assertEquals("ababab", decoder.partial().text());
        assertEquals(1, decoder.partial().utterance());
    }

    @Test
    void finishOnAFreshStreamGivesOneEmptyEosFinal() {
        List<UtteranceResult> results = new CtcStreamDecoder(BEAM, null, FRAME_MS).finish();

        assertEquals(List.of(new UtteranceResult(0, true, "", 0, 0, 0, List.of(), 0, true)), results);
    }

    @Test
    void finishAfterAnEndpointGivesOneEmptyEosFinalOfTheNextUtterance() {
        for (DecoderConfig config : List.of(GREEDY, BEAM)) {
            CtcStreamDecoder decoder = new CtcStreamDecoder(config, null, FRAME_MS);
            List<UtteranceResult> finals = decoder.accept(new Frames().spell("ok", 0.9).silence(40).build())
                    .stream().filter(UtteranceResult::isFinal).toList();
            assertEquals(List.of("final 0 ok @660"), finals.stream().map(CtcStreamDecoderTest::describe).toList());

            List<UtteranceResult> end = decoder.finish();

            assertEquals(List.of("final 1  @1260 eos"), end.stream().map(CtcStreamDecoderTest::describe).toList());
            assertTrue(end.get(0).words().isEmpty());
        }
    }

    @Test
    void partialShowsTheOpenUtteranceWithoutEndingIt() {
        CtcStreamDecoder decoder = new CtcStreamDecoder(BEAM, null, FRAME_MS);
        decoder.accept(new Frames().spell("go", 0.9).build());

        UtteranceResult partial = decoder.partial();

        assertEquals("go", partial.text());
        assertFalse(partial.isFinal());
        assertEquals(List.of("final 0 go @60 eos"), decoder.finish().stream().map(CtcStreamDecoderTest::describe).toList());
    }

    /** "r", then 'e' and 'a' equally likely, then "d car". */
    private static float[][] redOrRadCar() {
        return new Frames().spell("r", 0.9).frame("ea", 0.45, 0.45).spell("d car", 0.9).build();
    }

    static LanguageModel lm(String... sentences) throws IOException {
        NgramBuilder builder = new NgramBuilder(2);
        for (String s : sentences) builder.add(s);
        StringWriter arpa = new StringWriter();
        builder.writeArpa(arpa);
        return ArpaModel.read(new StringReader(arpa.toString()));
    }

    /** Decodes the whole matrix as one stream, which must end in exactly one result, the eos final. */
    private static UtteranceResult decode(DecoderConfig config, LanguageModel lm, float[][] frames) {
        CtcStreamDecoder decoder = new CtcStreamDecoder(config, lm, FRAME_MS);
        assertTrue(decoder.accept(frames).stream().noneMatch(UtteranceResult::isFinal));
        List<UtteranceResult> end = decoder.finish();
        assertEquals(1, end.size());
        assertTrue(end.get(0).isFinal() && end.get(0).eos());
        return end.get(0);
    }

    private static String describe(UtteranceResult r) {
        return (r.isFinal() ? "final " : "partial ") + r.utterance() + " " + r.text() + " @" + r.audioMs()
                + (r.eos() ? " eos" : "");
    }
}
