package dev.streamscribe.ingest.web;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

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
