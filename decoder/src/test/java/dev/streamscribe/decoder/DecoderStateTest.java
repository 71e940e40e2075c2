package dev.streamscribe.decoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamscribe.decoder.lm.LanguageModel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DecoderStateTest {
    private static final double FRAME_MS = 30;
    /** Narrower than the default beam: the byte-by-byte corruption tests cost as much as a state is long. */
    private static final DecoderConfig BEAM = DecoderConfig.DEFAULT.withBeamWidth(16).withMaxUtteranceMs(3000)
            .withHotWords(HotWords.of(Map.of("go", 1.5)));
    private static final DecoderConfig GREEDY = BEAM.withBeamWidth(1);
    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz'";

    @Test
    void restoredDecoderContinuesExactlyLikeTheOriginal() throws IOException {
        LanguageModel lm = CtcStreamDecoderTest.lm("go forward ten meters", "go back", "turn left now");
        float[][] frames = speechLike(7, 1500);
        for (DecoderConfig config : List.of(GREEDY, BEAM)) {
            List<UtteranceResult> expected = decodeAll(new CtcStreamDecoder(config, lm, FRAME_MS), frames);
            assertTrue(expected.stream().filter(UtteranceResult::isFinal).count() >= 5, "the stream has endpoints");

            for (int split : new int[] {1, 100, 377, 750, 1499}) {
                CtcStreamDecoder first = new CtcStreamDecoder(config, lm, FRAME_MS);
                List<UtteranceResult> results = new ArrayList<>(first.accept(Arrays.copyOfRange(frames, 0, split)));
                CtcStreamDecoder second = restore(config, lm, save(first));
                results.addAll(decodeAll(second, Arrays.copyOfRange(frames, split, frames.length)));
                assertEquals(expected, results, "split at " + split + ", beam " + config.beamWidth());
            }
        }
    }

    @Test
    void restoringAfterEveryChunkChangesNothing() throws IOException {
        float[][] frames = speechLike(11, 1000);
        List<UtteranceResult> expected = decodeAll(new CtcStreamDecoder(BEAM, null, FRAME_MS), frames);

        List<UtteranceResult> results = new ArrayList<>();
        CtcStreamDecoder decoder = new CtcStreamDecoder(BEAM, null, FRAME_MS);
        for (int from = 0; from < frames.length; from += 37) {
            results.addAll(decoder.accept(Arrays.copyOfRange(frames, from, Math.min(from + 37, frames.length))));
            decoder = restore(BEAM, null, save(decoder));
        }
        results.addAll(decoder.finish());

        assertEquals(expected, results);
    }

    @Test
    void stateStaysSmallHoweverLongTheStream() throws IOException {
        CtcStreamDecoder decoder = new CtcStreamDecoder(BEAM, null, FRAME_MS);
        int largest = 0;
        float[][] frames = speechLike(3, 20_000);
        for (int from = 0; from < frames.length; from += 100) {
            decoder.accept(Arrays.copyOfRange(frames, from, from + 100));
            largest = Math.max(largest, save(decoder).length);
        }
        assertTrue(largest < 12_000, "largest state " + largest + " bytes");
    }

    /**
     * Ties early in an utterance keep the hypotheses of a wide beam apart for the whole of it, the worst case for what
     * an open utterance stores: the node budget caps it, and a search that is pruning still restores exactly.
     */
    @Test
    void nearTiesAreCappedByTheNodeBudgetAndStillRestoreExactly() throws IOException {
        DecoderConfig wide = DecoderConfig.DEFAULT.withMaxUtteranceMs(20_000).withEndpointSilenceMs(20_000);
        long utteranceFrames = (long) Math.ceil(20_000 / FRAME_MS);
        int budget = BeamSearch.maxNodes(wide.beamWidth(), utteranceFrames);
        // per node at most a label, two 2-byte numbers and a posterior (see PrefixTrie.write); per hypothesis its index and two scores
        int bound = 4 + 4 + 3 * 8 + 1 + 4 + budget * (1 + 2 + 2 + 4) + 4 + wide.beamWidth() * (4 + 8 + 8);
        float[][] frames = nearTies(17, (int) utteranceFrames - 10);

        CtcStreamDecoder decoder = new CtcStreamDecoder(wide, null, FRAME_MS);
        int largest = 0;
        for (int from = 0; from < frames.length; from += 50) {
            decoder.accept(Arrays.copyOfRange(frames, from, Math.min(from + 50, frames.length)));
            largest = Math.max(largest, save(decoder).length);
        }
        assertTrue(largest <= bound, "largest state " + largest + " bytes, bound " + bound);
        assertTrue(largest > bound / 2, "the frames fill the budget: " + largest + " of " + bound + " bytes");

        int split = frames.length / 2;
        CtcStreamDecoder first = new CtcStreamDecoder(wide, null, FRAME_MS);
        List<UtteranceResult> results = new ArrayList<>(first.accept(Arrays.copyOfRange(frames, 0, split)));
        results.addAll(decodeAll(restore(wide, null, save(first)), Arrays.copyOfRange(frames, split, frames.length)));
        assertEquals(decodeAll(new CtcStreamDecoder(wide, null, FRAME_MS), frames), results);
    }

    @Test
    void truncatedStateIsRejected() {
        byte[] state = save(decoderAfter(speechLike(5, 60)));
        for (int length = 0; length < state.length; length++) {
            byte[] truncated = Arrays.copyOf(state, length);
            assertThrows(IOException.class, () -> restore(BEAM, null, truncated), "length " + length);
        }
    }

    @Test
    void badCountsAndLabelsAreRejected() {
        byte[] state = save(decoderAfter(speechLike(5, 60)));
        // offsets follow writeState: magic, utterance, 3 counters, search format, node count, first node's label
        int nodeCount = 4 + 4 + 3 * 8 + 1;
        int firstLabel = nodeCount + 4;
        assertThrows(IOException.class, () -> restore(BEAM, null, patched(state, nodeCount, -1)));
        assertThrows(IOException.class, () -> restore(BEAM, null, patched(state, nodeCount, 1 << 30)));
        assertThrows(IOException.class, () -> restore(BEAM, null, patchedByte(state, firstLabel, Labels.BLANK)));
        assertThrows(IOException.class, () -> restore(BEAM, null, patchedByte(state, firstLabel, -3)));
        assertThrows(IOException.class, () -> restore(BEAM, null, patched(state, 4, -1))); // utterance number
    }

    @Test
    void stateOfAnotherSearchIsRejected() {
        byte[] wideBeam = save(decoderAfter(BEAM.withBeamWidth(2 * BEAM.beamWidth()), speechLike(5, 60)));
        assertThrows(IOException.class, () -> restore(BEAM, null, wideBeam), "more hypotheses than the beam holds");
        byte[] greedy = save(decoderAfter(GREEDY, speechLike(5, 60)));
        assertThrows(IOException.class, () -> restore(BEAM, null, greedy));
    }

    @Test
    void corruptStateIsRejectedOrHarmlessAndAFailedReadChangesNothing() throws IOException {
        float[][] frames = speechLike(9, 200);
        float[][] head = Arrays.copyOfRange(frames, 0, 80);
        float[][] tail = Arrays.copyOfRange(frames, 80, frames.length);
        byte[] state = save(decoderAfter(head));
        List<UtteranceResult> expectedTail = decodeAll(restore(BEAM, null, state), tail);

        int rejected = 0;
        for (int i = 0; i < state.length; i++) {
            for (int value : new int[] {0x00, 0x7f, 0x80, 0xff}) {
                CtcStreamDecoder decoder = restore(BEAM, null, state);
                try {
                    decoder.readState(input(patchedByte(state, i, value)));
                } catch (IOException e) {
                    rejected++;
                    assertEquals(expectedTail, decodeAll(decoder, tail), "unchanged after a failed read");
                    continue;
                }
                decodeAll(decoder, tail); // whatever was accepted must still decode without failing
            }
        }
        assertTrue(rejected > state.length, "rejected " + rejected);
    }

    /** Peaky frames like an acoustic model's: words of 2-7 letters, spaces, and silences long enough to end utterances. */
    static float[][] speechLike(long seed, int count) {
        Random random = new Random(seed);
        Frames frames = new Frames();
        int made = 0;
        while (made < count) {
            int length;
            if (random.nextInt(4) == 0) {
                length = 5 + random.nextInt(30);
                for (int i = 0; i < length; i++) frame(frames, random, '_');
            } else {
                StringBuilder word = new StringBuilder();
                for (int i = 2 + random.nextInt(6); i > 0; i--) word.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
                word.append(' ');
                length = 0;
                for (char c : word.toString().toCharArray()) {
                    for (int i = random.nextInt(2); i >= 0; i--, length++) frame(frames, random, c);
                    for (int i = random.nextInt(3); i > 0; i--, length++) frame(frames, random, '_');
                }
            }
            made += length;
        }
        return Arrays.copyOf(frames.build(), count);
    }

    /**
     * Six letters each tied with another, then clearly spelt letters: the 64 spellings of the start stay equally likely,
     * so a beam of 64 keeps them all, each with its own copy of everything after.
     */
    private static float[][] nearTies(long seed, int count) {
        Random random = new Random(seed);
        Frames frames = new Frames();
        for (int i = 0; i < 6; i++) frames.frame(LETTERS.substring(2 * i, 2 * i + 2), 0.45, 0.45).silence(1);
        while (frames.build().length < count) {
            frames.spell(String.valueOf(LETTERS.charAt(random.nextInt(26))), 0.9).silence(1);
        }
        return Arrays.copyOf(frames.build(), count);
    }

    /** A frame where {@code c} is likely and some other label has a fair share of the rest. */
    private static void frame(Frames frames, Random random, char c) {
        char other = (LETTERS + " _").charAt(random.nextInt(LETTERS.length() + 2));
        double p = 0.5 + 0.45 * random.nextDouble();
        if (other == c) frames.frame(String.valueOf(c), p);
        else frames.frame("" + c + other, p, (1 - p) * 0.7);
    }

    private static CtcStreamDecoder decoderAfter(float[][] frames) {
        return decoderAfter(BEAM, frames);
    }

    private static CtcStreamDecoder decoderAfter(DecoderConfig config, float[][] frames) {
        CtcStreamDecoder decoder = new CtcStreamDecoder(config, null, FRAME_MS);
        decoder.accept(frames);
        return decoder;
    }

    private static List<UtteranceResult> decodeAll(CtcStreamDecoder decoder, float[][] frames) {
        List<UtteranceResult> results = new ArrayList<>(decoder.accept(frames));
        results.addAll(decoder.finish());
        return results;
    }

    private static byte[] save(CtcStreamDecoder decoder) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            decoder.writeState(new DataOutputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static CtcStreamDecoder restore(DecoderConfig config, LanguageModel lm, byte[] state) throws IOException {
        CtcStreamDecoder decoder = new CtcStreamDecoder(config, lm, FRAME_MS);
        decoder.readState(input(state));
        return decoder;
    }

    private static DataInputStream input(byte[] state) {
        return new DataInputStream(new ByteArrayInputStream(state));
    }

    private static byte[] patched(byte[] state, int offset, int value) {
        byte[] copy = state.clone();
        for (int i = 0; i < 4; i++) copy[offset + i] = (byte) (value >>> 24 - 8 * i);
        return copy;
    }

    private static byte[] patchedByte(byte[] state, int offset, int value) {
        byte[] copy = state.clone();
        copy[offset] = (byte) value;
        return copy;
    }
}
