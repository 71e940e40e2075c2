package dev.streamscribe.ingest.bench;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ModelCallsTest {
    @Test
    void aRoundsCallsAndMeanBatchAreTheDifferenceOfTwoReadings() {
        ModelCalls.Count before = new ModelCalls.Count(1000, 1500);
        ModelCalls.Count after = new ModelCalls.Count(4000, 7500);
        assertEquals(Map.of("modelCallsPerSecond", 100.0, "meanModelBatch", 2.0), after.since(before, 30));
        assertEquals(0.0, before.since(before, 30).get("meanModelBatch"), "a round without calls has no batches");
    }

    @Test
    void theMetricsAddressComesFromServesFirstLine() {
        ModelCalls.of("serve: transcribing audio.chunks -> transcripts (dead letters: audio.chunks.dlq) on localhost:9092; "
                + "metrics at http://127.0.0.1:41234/metrics; Ctrl-C stops");
        assertThrows(IllegalStateException.class, () -> ModelCalls.of("serve: transcribing, but says nothing of metrics"));
    }
}
