package dev.streamscribe.ingest.topology;

import dev.streamscribe.features.audio.PcmFormat;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StreamStateTest {
    @Test
    void roundTripsLiveAndEndedStates() {
        StreamState live = new StreamState(44_100, PcmFormat.F32LE, 2, 17, 12, 123_456_789L, new byte[] {1, 2, 3});
        StreamState back = StreamState.fromBytes(live.toBytes());
        assertEquals(live.rate(), back.rate());
        assertEquals(live.format(), back.format());
        assertEquals(live.channels(), back.channels());
        assertEquals(live.nextSeq(), back.nextSeq());
        assertEquals(live.lastSeenMs(), back.lastSeenMs());
        assertArrayEquals(live.recognizer(), back.recognizer());

        StreamState ended = live.next(17, 5, null);
        assertTrue(StreamState.fromBytes(ended.toBytes()).ended());
        assertEquals(18, StreamState.fromBytes(ended.toBytes()).nextSeq());
    }

    @Test
    void rejectsCorruptBytes() {
        byte[] good = StreamState.start(16_000, PcmFormat.S16LE, 1, 0, new byte[100]).toBytes();
        assertThrows(SerializationException.class, () -> StreamState.fromBytes(Arrays.copyOf(good, 20)));
        byte[] badVersion = good.clone();
        badVersion[0] = 9;
        assertThrows(SerializationException.class, () -> StreamState.fromBytes(badVersion));
        byte[] badFormat = good.clone();
        badFormat[5] = 77;
        assertThrows(SerializationException.class, () -> StreamState.fromBytes(badFormat));
    }
}
