package dev.streamscribe.ingest.topology;

import dev.streamscribe.decoder.HotWords;
import dev.streamscribe.features.audio.AudioFormatException;
import dev.streamscribe.features.audio.PcmFormat;
import dev.streamscribe.features.audio.WavReader;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * One record of {@code audio.chunks} after validation (ARCHITECTURE.md §3): everything here is checked, so the processor
 * only has to judge it against the stream's state.
 */
public record AudioChunk(String streamId, long seq, int rate, PcmFormat format, int channels, boolean eos, float[] samples,
                         HotWords hotWords) {
    public static final int MAX_STREAM_ID_BYTES = 256;
    public static final int MIN_RATE = 8000;
    public static final int MAX_RATE = 48_000;
    public static final int MAX_CHANNELS = 8;
    private static final int MAX_HEADER_BYTES = 64;
    /** Room for {@link HotWords#MAX_ENTRIES} phrases of {@link HotWords#MAX_ENTRY_CHARS} with their boosts. */
    static final int MAX_HOTWORDS_HEADER_BYTES = 8192;

    /** Validates one record; every problem becomes a {@link Rejection} with its code. */
    public static AudioChunk parse(byte[] key, byte[] value, Headers headers, PipelineConfig config) throws Rejection {
        String streamId = streamId(key);
        // the largest seq still leaves room for the next expected one without overflowing
        long seq = number(headers, "seq", -1, 0, Long.MAX_VALUE - 1);
        if (seq < 0) throw new Rejection(Rejection.Code.BAD_HEADER, "the seq header is missing");
        int rate = (int) number(headers, "rate", 16_000, 0, Integer.MAX_VALUE);
        if (rate < MIN_RATE || rate > MAX_RATE) {
            throw new Rejection(Rejection.Code.BAD_RATE, "rate " + rate + " Hz is outside " + MIN_RATE + ".." + MAX_RATE);
        }
        PcmFormat format;
        try {
            format = PcmFormat.fromHeader(text(headers, "format"));
        } catch (AudioFormatException e) {
            throw new Rejection(Rejection.Code.BAD_FORMAT, e.getMessage());
        }
        int channels = (int) number(headers, "channels", 1, 0, Integer.MAX_VALUE);
        if (channels < 1 || channels > MAX_CHANNELS) {
            throw new Rejection(Rejection.Code.BAD_CHANNELS, channels + " channels is outside 1.." + MAX_CHANNELS);
        }
        String eosText = text(headers, "eos");
        if (eosText != null && !eosText.equals("true") && !eosText.equals("false")) {
            throw new Rejection(Rejection.Code.BAD_HEADER, "eos must be true or false, got '" + eosText + "'");
        }
        boolean eos = "true".equals(eosText);
        HotWords hotWords = hotWords(headers);
        byte[] payload = value == null ? new byte[0] : value;
        if (payload.length == 0 && !eos) throw new Rejection(Rejection.Code.BAD_LENGTH, "empty chunk without eos");
        if (payload.length > config.maxChunkBytes()) {
            throw new Rejection(Rejection.Code.TOO_LARGE, payload.length + " bytes is over the limit of " + config.maxChunkBytes());
        }
        if (WavReader.looksLikeWav(payload)) {
            throw new Rejection(Rejection.Code.WAV_IN_RAW, "the chunk starts with a RIFF/WAVE header; send raw PCM");
        }
        long frameBytes = (long) format.bytesPerSample() * channels;
        if (payload.length / frameBytes * 1000 / rate > config.maxChunkMs()) {
            throw new Rejection(Rejection.Code.TOO_LARGE, "chunk of " + payload.length / frameBytes * 1000 / rate
                    + " ms is over the limit of " + config.maxChunkMs() + " ms");
        }
        float[] samples;
        try {
            samples = format.decode(payload, 0, payload.length, channels);
        } catch (AudioFormatException e) {
            Rejection.Code code = payload.length % frameBytes != 0 ? Rejection.Code.BAD_LENGTH : Rejection.Code.BAD_SAMPLES;
            throw new Rejection(code, e.getMessage());
        }
        return new AudioChunk(streamId, seq, rate, format, channels, eos, samples, hotWords);
    }

    private static String streamId(byte[] key) throws Rejection {
        if (key == null || key.length == 0) throw new Rejection(Rejection.Code.BAD_KEY, "the record has no stream id (key)");
        if (key.length > MAX_STREAM_ID_BYTES) {
            throw new Rejection(Rejection.Code.BAD_KEY, "stream id of " + key.length + " bytes is over " + MAX_STREAM_ID_BYTES);
        }
        try {
            String id = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(key)).toString();
            if (id.chars().anyMatch(Character::isISOControl)) throw new Rejection(Rejection.Code.BAD_KEY, "stream id has control characters");
            return id;
        } catch (CharacterCodingException e) {
            throw new Rejection(Rejection.Code.BAD_KEY, "stream id is not UTF-8");
        }
    }

    /**
     * The stream's hot words: comma-separated phrases, each with an optional {@code :BOOST}. Only a stream's first
     * chunk starts its recogniser, so on later chunks the header is checked but has no effect.
     */
    private static HotWords hotWords(Headers headers) throws Rejection {
        String text = text(headers, "hotwords", MAX_HOTWORDS_HEADER_BYTES);
        if (text == null) return HotWords.NONE;
        try {
            return HotWords.parse(text, ',');
        } catch (IllegalArgumentException e) {
            throw new Rejection(Rejection.Code.BAD_HOTWORDS, e.getMessage());
        }
    }

    private static String text(Headers headers, String name) throws Rejection {
        return text(headers, name, MAX_HEADER_BYTES);
    }

    private static String text(Headers headers, String name, int maxBytes) throws Rejection {
        Header h = headers.lastHeader(name);
        if (h == null || h.value() == null) return null;
        if (h.value().length > maxBytes) {
            throw new Rejection(Rejection.Code.BAD_HEADER, "header " + name + " is " + h.value().length + " bytes long");
        }
        return new String(h.value(), StandardCharsets.UTF_8).trim();
    }

    private static long number(Headers headers, String name, long fallback, long min, long max) throws Rejection {
        String v = text(headers, name);
        if (v == null) return fallback;
        try {
            long n = Long.parseLong(v);
            if (n < min || n > max) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            Rejection.Code code = name.equals("rate") ? Rejection.Code.BAD_RATE
                    : name.equals("channels") ? Rejection.Code.BAD_CHANNELS : Rejection.Code.BAD_HEADER;
            throw new Rejection(code, "header " + name + " is not a valid number: '" + v + "'");
        }
    }

    public long durationMs() {
        return samples.length * 1000L / rate;
    }
}
