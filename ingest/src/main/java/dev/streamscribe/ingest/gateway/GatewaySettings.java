package dev.streamscribe.ingest.gateway;

import java.time.Duration;
import java.util.Set;

/**
 * The live gateway's address and bounds. {@code allowedOrigins} are the web pages (scheme://host:port) whose browsers
 * may connect; a client that sends no Origin (not a browser) is let in, because only browsers carry another site's
 * page into a connection (cross-site WebSocket hijacking). {@code token}, when set, must be given by every client.
 */
public record GatewaySettings(String host, int port, int maxStreams, int maxBytesPerSecond, Duration idleTimeout,
                              Set<String> allowedOrigins, String token) {
    public static final int DEFAULT_PORT = 8090;
    /** 48 kHz stereo s16le, the most a live source sends, and a little over. */
    public static final int DEFAULT_MAX_BYTES_PER_SECOND = 200_000;
    public static final int DEFAULT_MAX_STREAMS = 100;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);

    public GatewaySettings {
        if (port < 0 || port > 65_535) throw new IllegalArgumentException("port " + port + " is outside 0-65535");
        if (maxStreams < 1) throw new IllegalArgumentException("max streams must be at least 1");
        if (maxBytesPerSecond < 1000) throw new IllegalArgumentException("max bytes per second must be at least 1000");
        if (idleTimeout.toMillis() < 100) throw new IllegalArgumentException("idle timeout must be at least 100 ms");
        allowedOrigins = Set.copyOf(allowedOrigins);
        if (token != null && token.isBlank()) token = null;
    }

    public static GatewaySettings defaults() {
        return new GatewaySettings("127.0.0.1", DEFAULT_PORT, DEFAULT_MAX_STREAMS, DEFAULT_MAX_BYTES_PER_SECOND,
                DEFAULT_IDLE_TIMEOUT, Set.of(), null);
    }

    public GatewaySettings withPort(int v) {
        return new GatewaySettings(host, v, maxStreams, maxBytesPerSecond, idleTimeout, allowedOrigins, token);
    }

    public GatewaySettings withLimits(int streams, int bytesPerSecond, Duration idle) {
        return new GatewaySettings(host, port, streams, bytesPerSecond, idle, allowedOrigins, token);
    }

    public GatewaySettings withAllowedOrigins(Set<String> v) {
        return new GatewaySettings(host, port, maxStreams, maxBytesPerSecond, idleTimeout, v, token);
    }

    public GatewaySettings withToken(String v) {
        return new GatewaySettings(host, port, maxStreams, maxBytesPerSecond, idleTimeout, allowedOrigins, v);
    }
}
