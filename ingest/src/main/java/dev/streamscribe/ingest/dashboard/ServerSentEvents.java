package dev.streamscribe.ingest.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.streamscribe.ingest.web.WebServer;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code GET /events}: the board's changes as server-sent events, one handler thread per browser. Each browser
 * has a bounded queue; one that falls behind is disconnected rather than buffered for, and its EventSource
 * reconnects and rebuilds the board from a fresh snapshot. Browsers beyond the limit get 503.
 */
final class ServerSentEvents implements HttpHandler {
    /** Live frames a browser may fall behind by; the snapshot on connecting is written directly, not queued. */
    static final int QUEUE_FRAMES = 1024;
    /** A comment this often finds browsers that went away, and keeps proxies from closing an idle stream. */
    private static final long KEEP_ALIVE_MS = 15_000;
    private static final int RECONNECT_MS = 2_000;

    private final TranscriptBoard board;
    private final int maxClients;
    private final AtomicInteger clients = new AtomicInteger();

    ServerSentEvents(TranscriptBoard board, int maxClients) {
        this.board = board;
        this.maxClients = maxClients;
    }

    /** One event; {@code json} has no line breaks (JSON escapes them inside strings). */
    static String frame(String event, String json) {
        return "event: " + event + "\ndata: " + json + "\n\n";
    }

    int clients() {
        return clients.get();
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (clients.incrementAndGet() > maxClients) {
            clients.decrementAndGet();
            WebServer.respond(exchange, 503, "text/plain; charset=utf-8",
                    ("the dashboard serves at most " + maxClients + " browsers at once (--max-clients)\n").getBytes(StandardCharsets.UTF_8));
            return;
        }
        Client client = new Client();
        try {
            WebServer.headers(exchange, "text/event-stream; charset=utf-8");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            write(out, "retry: " + RECONNECT_MS + "\n\n");
            for (String frame : board.subscribe(client)) write(out, frame);
            out.flush();
            while (!client.overflowed) {
                String frame = client.queue.poll(KEEP_ALIVE_MS, TimeUnit.MILLISECONDS);
                write(out, frame == null ? ": keep-alive\n\n" : frame);
                for (String more; (more = client.queue.poll()) != null; ) write(out, more);
                out.flush();
            }
        } catch (IOException e) {
            // the browser went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the server is stopping
        } finally {
            board.unsubscribe(client);
            clients.decrementAndGet();
        }
    }

    private static void write(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
    }

    private static final class Client implements TranscriptBoard.Subscriber {
        final BlockingQueue<String> queue = new ArrayBlockingQueue<>(QUEUE_FRAMES);
        volatile boolean overflowed;

        @Override
        public boolean offer(String frame) {
            if (!queue.offer(frame)) overflowed = true;
            return !overflowed;
        }
    }
}
