package dev.streamscribe.ingest.web;

/**
 * Where an HTTP endpoint of the application listens. The default host is the loopback address, so the
 * dashboard and the metrics are reachable from this machine only unless configured otherwise.
 */
public record HttpSettings(String host, int port) {
    public static final String LOOPBACK = "127.0.0.1";

    public HttpSettings {
        if (host == null || host.isBlank()) throw new IllegalArgumentException("the HTTP host is empty");
        if (port < 0 || port > 65_535) throw new IllegalArgumentException("HTTP port " + port + " is outside 0-65535");
    }
}
