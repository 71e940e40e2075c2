package dev.streamscribe.ingest.cli;

import dev.streamscribe.ingest.dashboard.Dashboard;
import dev.streamscribe.ingest.dashboard.DashboardLimits;
import dev.streamscribe.ingest.kafka.KafkaSettings;
import dev.streamscribe.ingest.metrics.PrometheusMetrics;
import dev.streamscribe.ingest.web.WebServer;

import java.net.URI;


/** {@code ./asr dashboard}: a web page showing the streams of the transcripts topic live. */
final class DashboardCommand implements Command {
    static final int DEFAULT_PORT = 8080;

    @Override
    public String name() {
        return "dashboard";
    }

    @Override
    public String summary() {
        return "web page with every active stream's partials, finals, word timings and latency, live";
    }

    /** The limits of {@link #limits}, which every command serving the dashboard takes. */
    static final String LIMITS_HELP = """
              --shown-streams N    streams shown at once; ended, then least recently updated ones make room (default %d)
              --max-finals N       finals kept per stream (default %d)
              --max-clients N      browsers connected at once (default %d)
            """.formatted(DashboardLimits.DEFAULT.maxStreams(), DashboardLimits.DEFAULT.maxFinals(),
            DashboardLimits.DEFAULT.maxClients()).stripTrailing();

    @Override
    public String usage() {
        return "usage: ./asr dashboard [options]\n"
                + "  --from-beginning     also show what is already on the topic (default: only what comes from now on)\n"
                + "  --gateway-url URL    a live gateway (ws://HOST:PORT/stream of ./asr gateway, which must allow this page's\n"
                + "                       origin with --allowed-origins): the page gets a Speak button that streams to it\n"
                + KafkaOptions.HELP + "\n" + HttpOptions.help(DEFAULT_PORT) + "\n" + LIMITS_HELP
                + "\n  The page is at http://HOST:PORT/, its metrics at /metrics.";
    }

    @Override
    public int run(Options o) throws Exception {
        KafkaSettings kafka = KafkaOptions.kafka(o, "localhost:9092");
        DashboardLimits limits = limits(o);
        try (StopSignal signal = new StopSignal();
             PrometheusMetrics metrics = new PrometheusMetrics();
             WebServer web = WebServer.start(HttpOptions.from(o, DEFAULT_PORT), limits.httpThreads())
                     .route(PrometheusMetrics.PATH, metrics.endpoint());
             Dashboard dashboard = Dashboard.start(kafka, KafkaOptions.pipeline(o).transcriptsTopic(), o.flag("from-beginning"),
                     limits, web, metrics.registry(), gatewayUrl(o))) {
            System.out.printf("dashboard: %s (transcripts from %s); Ctrl-C stops%n", web.uri(), kafka.bootstrapServers());
            signal.await();
        }
        return 0;
    }

    private static URI gatewayUrl(Options o) {
        if (!o.has("gateway-url")) return null;
        URI uri;
        try {
            uri = URI.create(o.get("gateway-url", null));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--gateway-url: " + e.getMessage());
        }
        if (!"ws".equals(uri.getScheme()) && !"wss".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new UsageException("--gateway-url must be a ws:// or wss:// address, e.g. ws://127.0.0.1:8090/stream");
        }
        return uri;
    }

    static DashboardLimits limits(Options o) {
        DashboardLimits d = DashboardLimits.DEFAULT;
        try {
            return new DashboardLimits(o.getInt("shown-streams", d.maxStreams()), o.getInt("max-finals", d.maxFinals()),
                    o.getInt("max-clients", d.maxClients()));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
