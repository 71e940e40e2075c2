package dev.streamscribe.ingest.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The JDK's HTTP server with what every endpoint of the application needs: exact paths, GET only, a fixed
 * number of handler threads (long-lived event streams hold one each), and no content sniffing by browsers.
 */
public final class WebServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService threads;

    private WebServer(HttpServer server, ExecutorService threads) {
        this.server = server;
        this.threads = threads;
    }

    public static WebServer start(HttpSettings settings, int handlerThreads) throws IOException {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 64);
        } catch (BindException e) {
            throw new IOException("cannot listen on " + settings.host() + ":" + settings.port() + " (" + e.getMessage()
                    + "); choose another --http-port or --http-host", e);
        }
        ExecutorService threads = Executors.newFixedThreadPool(handlerThreads, r -> {
            Thread t = new Thread(r, "http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.start();
        return new WebServer(server, threads);
    }

    /** Serves GET {@code path} (exactly; a longer path that starts with it is a 404) with {@code handler}. */
    public WebServer route(String path, HttpHandler handler) {
        server.createContext(path, exchange -> {
            try (exchange) {
                if (!exchange.getRequestURI().getPath().equals(path)) {
                    respond(exchange, 404, "text/plain; charset=utf-8", "not found\n".getBytes(StandardCharsets.UTF_8));
                } else if (!exchange.getRequestMethod().equals("GET")) {
                    exchange.getResponseHeaders().set("Allow", "GET");
                    respond(exchange, 405, "text/plain; charset=utf-8", "GET only\n".getBytes(StandardCharsets.UTF_8));
                } else {
                    handler.handle(exchange);
                }
            }
        });
        return this;
    }

    /** The address as a browser would open it, e.g. {@code http://127.0.0.1:8080/}. */
    public URI uri() {
        InetSocketAddress a = server.getAddress();
        String host = a.getAddress().isAnyLocalAddress() ? "localhost" : a.getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort() + "/");
    }

    /** Sends a complete response. */
    public static void respond(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        headers(exchange, contentType);
        // a response to HEAD has no body; announcing one makes the JDK server log a warning
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, body.length == 0 || head ? -1 : body.length);
        if (head) return;
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** The headers of every response: its type, and that the browser must not guess another. */
    public static void headers(HttpExchange exchange, String contentType) {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
