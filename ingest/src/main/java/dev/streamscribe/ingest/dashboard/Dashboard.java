package dev.streamscribe.ingest.dashboard;

import dev.streamscribe.ingest.kafka.KafkaSettings;
import dev.streamscribe.ingest.kafka.TranscriptTail;
import dev.streamscribe.ingest.web.WebServer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * The live dashboard: follows the transcripts topic (read_committed) into a {@link TranscriptBoard} and serves
 * the page ({@code /}, a static HTML/JS/CSS page from the classpath) and its event stream ({@code /events}).
 */
public final class Dashboard implements AutoCloseable {
    public static final String EVENTS = "/events";
    /** The page's files: request path, classpath resource, content type. */
    private static final Map<String, String[]> FILES = Map.of(
            "/", new String[] {"/dashboard/index.html", "text/html; charset=utf-8"},
            "/dashboard.js", new String[] {"/dashboard/dashboard.js", "text/javascript; charset=utf-8"},
            "/dashboard.css", new String[] {"/dashboard/dashboard.css", "text/css; charset=utf-8"});
    /** The page runs only its own script and style and talks only to this server: transcripts cannot inject code. */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final TranscriptTail tail;

    private Dashboard(TranscriptTail tail) {
        this.tail = tail;
    }

    /**
     * Adds the dashboard's routes to {@code web} (which needs {@link DashboardLimits#httpThreads()} handler threads)
     * and starts following {@code topic}, from its beginning or from now on.
     */
    public static Dashboard start(KafkaSettings kafka, String topic, boolean fromBeginning, DashboardLimits limits,
                                  WebServer web, MeterRegistry registry) throws IOException {
        TranscriptBoard board = new TranscriptBoard(limits);
        ServerSentEvents events = new ServerSentEvents(board, limits.maxClients());
        for (Map.Entry<String, String[]> f : FILES.entrySet()) {
            byte[] body = resource(f.getValue()[0]);
            String type = f.getValue()[1];
            web.route(f.getKey(), exchange -> {
                exchange.getResponseHeaders().set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
                exchange.getResponseHeaders().set("Cache-Control", "no-cache");
                WebServer.respond(exchange, 200, type, body);
            });
        }
        web.route(EVENTS, events);
        Gauge.builder("streamscribe.dashboard.streams", board, TranscriptBoard::streamCount)
                .description("Streams the dashboard shows").register(registry);
        Gauge.builder("streamscribe.dashboard.clients", events, ServerSentEvents::clients)
                .description("Browsers connected to the dashboard").register(registry);
        return new Dashboard(new TranscriptTail(kafka, topic, fromBeginning,
                (t, chunkTimestampMs) -> board.accept(t, chunkTimestampMs, System.currentTimeMillis())));
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = Dashboard.class.getResourceAsStream(name)) {
            if (in == null) throw new IOException("the dashboard page " + name + " is missing from the classpath");
            return in.readAllBytes();
        }
    }

    @Override
    public void close() throws InterruptedException {
        tail.close();
    }
}
