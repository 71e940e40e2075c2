package dev.streamscribe.ingest.dashboard;

import dev.streamscribe.ingest.kafka.KafkaSettings;
import dev.streamscribe.ingest.kafka.TranscriptTail;
import dev.streamscribe.ingest.web.WebServer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The live dashboard: follows the transcripts topic (read_committed) into a {@link TranscriptBoard} and serves
 * the page ({@code /}, a static HTML/JS/CSS page from the classpath) and its event stream ({@code /events}). Given
 * the address of a live gateway, the page has a Speak button that streams the browser's microphone to it.
 */
public final class Dashboard implements AutoCloseable {
    public static final String EVENTS = "/events";
    /** The page's files: request path, classpath resource, content type. */
    private static final Map<String, String[]> FILES = Map.of(
            "/", new String[] {"/dashboard/index.html", "text/html; charset=utf-8"},
            "/dashboard.js", new String[] {"/dashboard/dashboard.js", "text/javascript; charset=utf-8"},
            "/dashboard.css", new String[] {"/dashboard/dashboard.css", "text/css; charset=utf-8"},
            "/microphone.js", new String[] {"/dashboard/microphone.js", "text/javascript; charset=utf-8"},
            "/pcm-worklet.js", new String[] {"/dashboard/pcm-worklet.js", "text/javascript; charset=utf-8"});
    private static final String GATEWAY_META = "<meta name=\"streamscribe-gateway\" content=\"\">";

    private final TranscriptTail tail;

    private Dashboard(TranscriptTail tail) {
        this.tail = tail;
    }

    /**
     * Adds the dashboard's routes to {@code web} (which needs {@link DashboardLimits#httpThreads()} handler threads)
     * and starts following {@code topic}, from its beginning or from now on.
     */
    public static Dashboard start(KafkaSettings kafka, String topic, boolean fromBeginning, DashboardLimits limits,
                                  WebServer web, MeterRegistry registry, URI gateway) throws IOException {
        TranscriptBoard board = new TranscriptBoard(limits);
        ServerSentEvents events = new ServerSentEvents(board, limits.maxClients());
        String policy = contentSecurityPolicy(gateway);
        for (Map.Entry<String, String[]> f : FILES.entrySet()) {
            byte[] body = resource(f.getValue()[0]);
            if (f.getKey().equals("/") && gateway != null) {
                body = new String(body, StandardCharsets.UTF_8).replace(GATEWAY_META,
                        GATEWAY_META.replace("content=\"\"", "content=\"" + gateway.toASCIIString().replace("\"", "%22") + "\""))
                        .getBytes(StandardCharsets.UTF_8);
            }
            byte[] page = body;
            String type = f.getValue()[1];
            web.route(f.getKey(), exchange -> {
                exchange.getResponseHeaders().set("Content-Security-Policy", policy);
                exchange.getResponseHeaders().set("Cache-Control", "no-cache");
                WebServer.respond(exchange, 200, type, page);
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

    /** The origin a browser sends from a page at {@code page}: scheme://host:port. */
    public static String origin(URI page) {
        return page.getScheme() + "://" + page.getRawAuthority();
    }

    /**
     * The page runs only its own script and style and talks only to this server and the gateway: transcripts cannot
     * inject code, and the page cannot send anything elsewhere.
     */
    private static String contentSecurityPolicy(URI gateway) {
        String connect = gateway == null ? "'self'" : "'self' " + origin(gateway);
        return "default-src 'none'; script-src 'self'; style-src 'self'; connect-src " + connect
                + "; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
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
