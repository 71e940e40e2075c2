package dev.streamscribe.ingest.web;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebServerTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void servesExactPathsWithGetOnlyOnTheLoopbackAddress() throws Exception {
        try (WebServer web = WebServer.start(new HttpSettings(HttpSettings.LOOPBACK, 0), 2)
                .route("/hello", e -> WebServer.respond(e, 200, "text/plain", "hi".getBytes(StandardCharsets.UTF_8)))) {
            URI base = web.uri();
            assertEquals("127.0.0.1", base.getHost());
            HttpResponse<String> ok = get(base.resolve("/hello"));
            assertEquals(200, ok.statusCode());
            assertEquals("hi", ok.body());
            assertEquals("nosniff", ok.headers().firstValue("X-Content-Type-Options").orElse(""));
            assertEquals(404, get(base.resolve("/hellothere")).statusCode());
            assertEquals(404, get(base.resolve("/")).statusCode());
            HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(base.resolve("/hello"))
                    .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(405, post.statusCode());
        }
    }

    @Test
    void aHeadRequestGetsItsStatusWithoutABodyOrAWarning() throws Exception {
        List<LogRecord> warnings = new CopyOnWriteArrayList<>();
        Logger jdkServer = Logger.getLogger("com.sun.net.httpserver");
        Handler collect = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getLevel().intValue() >= Level.WARNING.intValue()) warnings.add(r);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        jdkServer.addHandler(collect);
        try (WebServer web = WebServer.start(new HttpSettings(HttpSettings.LOOPBACK, 0), 1)
                .route("/hello", e -> WebServer.respond(e, 200, "text/plain", "hi".getBytes(StandardCharsets.UTF_8)))) {
            HttpResponse<String> head = HTTP.send(HttpRequest.newBuilder(web.uri().resolve("/hello"))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(405, head.statusCode());
            assertEquals("GET", head.headers().firstValue("Allow").orElse(""));
            assertEquals("", head.body());
        } finally {
            jdkServer.removeHandler(collect);
        }
        assertEquals(List.of(), warnings.stream().map(LogRecord::getMessage).toList());
    }

    @Test
    void aTakenPortIsAClearError() throws Exception {
        try (WebServer web = WebServer.start(new HttpSettings(HttpSettings.LOOPBACK, 0), 1)) {
            HttpSettings same = new HttpSettings(HttpSettings.LOOPBACK, web.uri().getPort());
            IOException e = assertThrows(IOException.class, () -> WebServer.start(same, 1));
            assertTrue(e.getMessage().contains("--http-port"), e.getMessage());
        }
    }

    private static HttpResponse<String> get(URI uri) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }
}
