package dev.streamscribe.ingest.topology;

import dev.streamscribe.features.audio.Audio;
import dev.streamscribe.features.audio.PcmFormat;
import dev.streamscribe.features.audio.WavWriter;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static dev.streamscribe.ingest.topology.TopologyHarness.key;

/**
 * Random {@code audio.chunks} records for the fuzz test. Each starts as the record a well-behaved producer of one of
 * a dozen live streams would send next (the seq the store expects, the stream's own rate, format and channels,
 * audio of 1-300 ms); half are then broken in one to three random ways. Streams that end are replaced by new ones,
 * so first chunks, eos and after-eos all occur.
 */
final class ChunkFuzzer {
    /** One generated record; {@code eos} is whether the pipeline should read it as the end of its stream. */
    record Fuzzed(byte[] key, byte[] payload, Headers headers, boolean eos, String mutations) {
        @Override
        public String toString() {
            return (key == null ? "null key" : key.length > 40 ? key.length + "-byte key" : "key " + new String(key, StandardCharsets.UTF_8))
                    + ", " + (payload == null ? "no" : payload.length) + " bytes, headers " + describe(headers) + ", broken: " + mutations;
        }
    }

    private record Format(int rate, PcmFormat format, int channels) {}

    private static final int[] RATES = {8000, 11_025, 16_000, 22_050, 44_100, 48_000};
    // Header values that are wrong, or odd but valid (" 7 " and the Arabic-Indic digit one both parse as numbers).
    private static final String[] ODD_SEQS = {"-1", "abc", "", "1e3", "0x10", "99999999999999999999", "+", " 7 ", "\u0661"};
    private static final String[] ODD_RATES = {"0", "7999", "48001", "abc", "-8000", "16000.5", "2147483648", "1".repeat(70)};
    private static final String[] ODD_FORMATS = {"mp3", "", "f64le", "pcm", "s16be", "\u0000"};
    private static final String[] ODD_CHANNELS = {"0", "9", "-1", "two", "1.5"};
    private static final String[] ODD_EOS = {"yes", "1", "TRUE", "", "null"};

    private final Random random;
    private final TopologyHarness pipe;
    private final List<String> live = new ArrayList<>();
    private final Map<String, Format> formats = new HashMap<>();
    private int created;

    ChunkFuzzer(Random random, TopologyHarness pipe) {
        this.random = random;
        this.pipe = pipe;
        for (int i = 0; i < 12; i++) live.add(newStream());
    }

    Fuzzed next() {
        int slot = random.nextInt(live.size());
        StreamState state = pipe.state(key(live.get(slot)));
        // An ended stream is sometimes kept, so that audio after eos is tried too.
        if (state != null && state.ended() && random.nextBoolean()) {
            live.set(slot, newStream());
            state = null;
        }
        String id = live.get(slot);
        Format f = formats.get(id);
        byte[] key = id.getBytes(StandardCharsets.UTF_8);
        Map<String, byte[]> headers = new LinkedHashMap<>();
        headers.put("seq", utf8(Long.toString(state == null ? 0 : state.nextSeq())));
        headers.put("rate", utf8(Integer.toString(f.rate())));
        headers.put("format", utf8(f.format().header()));
        headers.put("channels", utf8(Integer.toString(f.channels())));
        if (random.nextInt(30) == 0) headers.put("eos", utf8("true"));
        byte[] payload = audio(f, 1 + random.nextInt(300));

        List<String> broken = new ArrayList<>();
        int breaks = random.nextBoolean() ? 1 + random.nextInt(3) : 0;
        for (int b = 0; b < breaks; b++) {
            switch (random.nextInt(12)) {
                case 0 -> {
                    key = badKey();
                    broken.add("key");
                }
                case 1 -> {
                    headers.put("seq", random.nextBoolean() ? utf8(pick(ODD_SEQS)) : junk(random.nextInt(80)));
                    broken.add("seq");
                }
                case 2 -> {
                    long seq = seqOf(headers.get("seq")) + (random.nextBoolean() ? -1 : 1) * (1 + random.nextInt(3));
                    headers.put("seq", utf8(Long.toString(Math.max(0, seq))));
                    broken.add("seq order");
                }
                case 3 -> {
                    headers.put("rate", utf8(random.nextBoolean() ? pick(ODD_RATES) : Integer.toString(RATES[random.nextInt(RATES.length)])));
                    broken.add("rate");
                }
                case 4 -> {
                    headers.put("format", utf8(random.nextBoolean() ? pick(ODD_FORMATS) : PcmFormat.values()[random.nextInt(PcmFormat.values().length)].header()));
                    broken.add("format");
                }
                case 5 -> {
                    headers.put("channels", utf8(random.nextBoolean() ? pick(ODD_CHANNELS) : Integer.toString(1 + random.nextInt(8))));
                    broken.add("channels");
                }
                case 6 -> {
                    headers.put("eos", utf8(pick(ODD_EOS)));
                    broken.add("eos");
                }
                case 7 -> {
                    payload = Arrays.copyOf(payload == null ? new byte[0] : payload, length(payload) + 1 + random.nextInt(3));
                    broken.add("length");
                }
                case 8 -> {
                    payload = nonFinite(length(payload) / 4 + 1);
                    headers.put("format", utf8("f32le"));
                    broken.add("non-finite samples");
                }
                case 9 -> {
                    payload = WavWriter.encode(new Audio(new float[f.rate() / 10], f.rate()));
                    broken.add("wav");
                }
                case 10 -> {
                    payload = random.nextInt(20) == 0 ? new byte[1_000_000 + random.nextInt(100)]
                            : random.nextBoolean() ? new byte[0] : null;
                    broken.add("payload size");
                }
                default -> {
                    String name = pick(new String[] {"seq", "rate", "format", "channels", "eos", "x-" + random.nextInt(100)});
                    if (random.nextBoolean()) headers.remove(name);
                    else headers.put(name, random.nextBoolean() ? null : junk(random.nextInt(100)));
                    broken.add("header " + name);
                }
            }
        }
        RecordHeaders h = new RecordHeaders();
        headers.forEach(h::add);
        byte[] eos = headers.get("eos");
        boolean isEos = eos != null && new String(eos, StandardCharsets.UTF_8).trim().equals("true");
        return new Fuzzed(key, payload, h, isEos, broken.isEmpty() ? "nothing" : String.join(", ", broken));
    }

    private String newStream() {
        String id = "fuzz-" + created++;
        formats.put(id, new Format(RATES[random.nextInt(RATES.length)],
                PcmFormat.values()[random.nextInt(PcmFormat.values().length)], 1 + random.nextInt(2)));
        return id;
    }

    /** Noise at a random level; any bytes are valid integer PCM, floats must be finite. */
    private byte[] audio(Format f, int ms) {
        int frames = Math.max(1, f.rate() * ms / 1000);
        if (f.format() != PcmFormat.F32LE) {
            byte[] b = new byte[frames * f.channels() * f.format().bytesPerSample()];
            random.nextBytes(b);
            return b;
        }
        float level = random.nextFloat();
        ByteBuffer b = ByteBuffer.allocate(frames * f.channels() * 4).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) b.putFloat((random.nextFloat() * 2 - 1) * level);
        return b.array();
    }

    private byte[] nonFinite(int samples) {
        ByteBuffer b = ByteBuffer.allocate(samples * 4).order(ByteOrder.LITTLE_ENDIAN);
        float[] bad = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
        int at = random.nextInt(samples);
        for (int i = 0; i < samples; i++) b.putFloat(i == at ? bad[random.nextInt(bad.length)] : 0.01f);
        return b.array();
    }

    private byte[] badKey() {
        return switch (random.nextInt(5)) {
            case 0 -> null;
            case 1 -> new byte[0];
            case 2 -> new byte[] {'k', (byte) (0x80 + random.nextInt(0x40)), 'x'}; // a lone continuation byte
            case 3 -> ("k" + (char) random.nextInt(0x20)).getBytes(StandardCharsets.UTF_8);
            default -> "k".repeat(257 + random.nextInt(10_000)).getBytes(StandardCharsets.UTF_8);
        };
    }

    private byte[] junk(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static int length(byte[] payload) {
        return payload == null ? 0 : payload.length;
    }

    /** The seq a header holds, or a small one when an earlier mutation already spoiled it. */
    private long seqOf(byte[] header) {
        try {
            return Long.parseLong(new String(header, StandardCharsets.UTF_8).trim());
        } catch (RuntimeException e) {
            return random.nextInt(5);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String describe(Headers headers) {
        StringBuilder s = new StringBuilder("{");
        headers.forEach(h -> s.append(h.key()).append('=').append(h.value() == null ? "null"
                : h.value().length > 20 ? h.value().length + " bytes" : new String(h.value(), StandardCharsets.UTF_8)).append(' '));
        return s.append('}').toString();
    }
}
