package dev.streamscribe.ingest.gateway;

import dev.streamscribe.decoder.HotWords;
import dev.streamscribe.features.audio.PcmFormat;
import dev.streamscribe.features.audio.PcmSpec;
import dev.streamscribe.ingest.topology.AudioChunk;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * What a client asks for when it opens a stream: {@code /stream?rate=16000&format=s16le&channels=1&hotwords=...&token=...}
 * (all optional; the defaults are 16 kHz mono s16le). Fails with a one-line reason the client gets as the close reason.
 */
record StreamRequest(PcmSpec spec, HotWords hotWords) {
    static final String PATH = "/stream";

    static StreamRequest parse(String resource) {
        URI uri;
        try {
            uri = URI.create(resource);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad request path");
        }
        if (!PATH.equals(uri.getPath())) throw new IllegalArgumentException("unknown path " + uri.getPath() + " (open " + PATH + ")");
        Map<String, String> q = query(uri.getRawQuery());
        int rate = number(q, "rate", 16_000);
        if (rate < AudioChunk.MIN_RATE || rate > AudioChunk.MAX_RATE) {
            throw new IllegalArgumentException("rate " + rate + " Hz is outside " + AudioChunk.MIN_RATE + "-" + AudioChunk.MAX_RATE);
        }
        int channels = number(q, "channels", 1);
        if (channels < 1 || channels > AudioChunk.MAX_CHANNELS) {
            throw new IllegalArgumentException(channels + " channels is outside 1-" + AudioChunk.MAX_CHANNELS);
        }
        PcmFormat format = PcmFormat.fromHeader(q.getOrDefault("format", "s16le"));
        HotWords hotWords = q.containsKey("hotwords") ? HotWords.parse(q.get("hotwords"), ',') : HotWords.NONE;
        return new StreamRequest(new PcmSpec(format, channels, rate), hotWords);
    }

    /** The token of a request, whatever else it asks for; null when it gives none. */
    static String token(String resource) {
        try {
            return query(URI.create(resource).getRawQuery()).get("token");
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        if (raw == null || raw.isEmpty()) return q;
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            q.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return q;
    }

    private static int number(Map<String, String> q, String name, int fallback) {
        String v = q.get(name);
        if (v == null) return fallback;
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is not a number: '" + v + "'");
        }
    }
}
