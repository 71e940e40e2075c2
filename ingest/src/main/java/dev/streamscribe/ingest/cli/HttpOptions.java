package dev.streamscribe.ingest.cli;

import dev.streamscribe.ingest.web.HttpSettings;

/** Where a command's HTTP endpoint (metrics, dashboard) listens: --http-host and --http-port. */
final class HttpOptions {
    private HttpOptions() {}

    static String help(int defaultPort) {
        return """
                  --http-host HOST     address of the HTTP endpoint (default %s: this machine only; 0.0.0.0 for all interfaces)
                  --http-port N        its port (default %d; 0 picks a free one)
                """.formatted(HttpSettings.LOOPBACK, defaultPort).stripTrailing();
    }

    static HttpSettings from(Options o, int defaultPort) {
        try {
            return new HttpSettings(o.get("http-host", HttpSettings.LOOPBACK), o.getInt("http-port", defaultPort));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
