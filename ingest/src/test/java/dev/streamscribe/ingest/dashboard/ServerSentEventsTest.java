package dev.streamscribe.ingest.dashboard;

import dev.streamscribe.ingest.topology.Transcript;
import dev.streamscribe.ingest.web.HttpSettings;
import dev.streamscribe.ingest.web.WebServer;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code /events} over real HTTP: the snapshot, then live frames, and no more browsers than the limit. */
class ServerSentEventsTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void streamsTheBoardAndTurnsAwayBrowsersOverTheLimit() throws Exception {
        TranscriptBoard board = new TranscriptBoard(new DashboardLimits(10, 10, 1));
        board.accept(new Transcript("a", 0, Transcript.FINAL, "before", 0, 1, 1, List.of(), 1, null, null, null), -1, 0);
        try (WebServer web = WebServer.start(new HttpSettings(HttpSettings.LOOPBACK, 0), 3)
                .route(Dashboard.EVENTS, new ServerSentEvents(board, 1))) {
            URI events = web.uri().resolve(Dashboard.EVENTS);
            HttpResponse<InputStream> first = HTTP.send(HttpRequest.newBuilder(events).build(), HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, first.statusCode());
            assertEquals("text/event-stream; charset=utf-8", first.headers().firstValue("Content-Type").orElse(""));
            try (BufferedReader in = new BufferedReader(new InputStreamReader(first.body(), StandardCharsets.UTF_8))) {
                assertEquals("retry: 2000", in.readLine());
                assertEquals("", in.readLine());
                assertEquals("event: reset", in.readLine());
                in.readLine();
                in.readLine();
                assertEquals("event: update", in.readLine());
                assertTrue(in.readLine().contains("\"text\":\"before\""));
                in.readLine();

                HttpResponse<String> second = HTTP.send(HttpRequest.newBuilder(events).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(503, second.statusCode(), "one browser at most");

                board.accept(new Transcript("a", 1, Transcript.PARTIAL, "after", 0, 1, 1, List.of(), 1, null, null, null), -1, 0);
                assertEquals("event: update", in.readLine());
                assertTrue(in.readLine().contains("\"text\":\"after\""), "a live frame follows the snapshot");
            }
        }
    }
}
