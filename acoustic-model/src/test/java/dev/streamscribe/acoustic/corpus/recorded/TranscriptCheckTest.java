package dev.streamscribe.acoustic.corpus.recorded;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TranscriptCheckTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "Ha-ha! Our clever ward has found our nook in *time*!     | 3.0  | ha ha our clever ward has found our nook in time | -",
            "The climate is kept at a constant 22 degrees C.          | 3.0  | the climate is kept at a constant twenty two degrees c | -",
            "or he intends to give/render unreasonable bargains      | 3.0  | -  | markup",
            "The fee for this information is 12,000,000 Credits.      | 3.0  | -  | ambiguous-number",
            "All technologies cost 150 Credits.                       | 3.0  | -  | ambiguous-number",
            "what happened in the late 1940's                         | 3.0  | -  | ambiguous-number",
            "It starts on the 17th.                                   | 3.0  | -  | ambiguous-number",
            "...                                                      | 3.0  | -  | no-words",
            "Yes?                                                     | 0.3  | -  | too-short",
            "Yes, Captain?                                            | 21.0 | -  | too-long",
            "Yes?                                                     | 4.0  | -  | too-slow-for-text",
            "I know you are going to torture me so lets get it over   | 1.0  | -  | too-fast-for-text",
    })
    void keepsTextThatSaysOneThingAndDropsTheRestWithItsReason(String written, double seconds, String text, String reason) {
        TranscriptCheck.Verdict v = TranscriptCheck.check(written, seconds);
        assertEquals(reason, v.reason(), written);
        assertEquals(text, v.text(), written);
    }
}
