package dev.streamscribe.decoder;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HotWordsTest {
    @Test
    void entriesTakeAnOptionalBoostAndAreNormalised() {
        HotWords h = HotWords.parse("# the team's names\nStreamScribe:6\n  new   york \n\nkafka:1.5\n", '\n');
        assertEquals(Map.of("streamscribe", 6.0, "new york", HotWords.DEFAULT_BOOST, "kafka", 1.5), h.entries());
        assertEquals(h, HotWords.parse(h.format(','), ','), "format and parse round-trip");
        assertTrue(HotWords.parse(" , ", ',').isEmpty());
        assertEquals(Map.of("kafka", 9.0, "new york", 4.0, "streamscribe", 6.0),
                h.with(HotWords.parse("kafka:9", ',')).entries(), "the later boost wins");
    }

    @Test
    void malformedOrOversizedEntriesAreRefusedWithTheReason() {
        assertMessage("hot word 'route 66' has characters outside a-z, apostrophe and space (spell numbers as words)", "route 66");
        assertMessage("hot word 'kafka': boost 'lots' is not a number", "kafka:lots");
        assertMessage("hot word 'kafka': boost 0.0 is outside (0, 20.0]", "kafka:0");
        assertMessage("hot word 'kafka': boost 25.0 is outside (0, 20.0]", "kafka:25");
        String many = IntStream.range(0, 101).mapToObj(i -> "w" + "abcdefghij".charAt(i % 10) + "x".repeat(i / 10)).collect(Collectors.joining(","));
        assertMessage("101 hot words; at most 100", many);
        assertThrows(IllegalArgumentException.class, () -> HotWords.parse("a".repeat(65), ','));
    }

    private static void assertMessage(String expected, String entries) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, () -> HotWords.parse(entries, ',')).getMessage());
    }

    @Test
    void lettersEarnTheirShareWhileTheyCanStillBecomeAHotWord() {
        HotWords h = HotWords.of(Map.of("rod", 3.0));
        assertEquals(1.0, h.letter("r"), 1e-9);
        assertEquals(1.0, h.letter("rod"), 1e-9);
        assertEquals(0.0, h.letter("re"), 1e-9);
        assertEquals(1.0, h.spelt("red"), 1e-9, "only the r was on the way to rod");
        assertEquals(3.0, h.spelt("rods"), 1e-9);
        assertTrue(h.keeps(null, "rod") && !h.keeps(null, "rods"));
    }
}
