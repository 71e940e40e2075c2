package dev.streamscribe.ingest.gateway;

import dev.streamscribe.ingest.kafka.AudioPublisher;
import dev.streamscribe.ingest.kafka.KafkaSettings;
import dev.streamscribe.ingest.kafka.TranscriptTail;
import dev.streamscribe.ingest.topology.PipelineConfig;
import dev.streamscribe.ingest.topology.Transcript;
import org.java_websocket.WebSocket;
import org.java_websocket.drafts.Draft;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.ServerHandshakeBuilder;
import org.java_websocket.server.WebSocketServer;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The live gateway: a WebSocket endpoint where a client (a web page, a phone system) opens a stream, sends its audio
 * as binary messages and receives that stream's partials and finals as JSON text messages, through Kafka: the audio
 * goes to {@code audio.chunks} like any producer's, the results come from {@code transcripts} (read_committed).
 *
 * <p>Protocol: open {@code ws://HOST:PORT/stream?rate=16000&format=s16le} ({@link StreamRequest}); the first message
 * is {@code {"type":"ready","streamId":"gw-..."}}; then each transcript of the stream as on the topic. The client
 * ends the stream with the text message {@code eos}; the gateway closes after the stream's last final. The stream id
 * is the gateway's, not the client's, so no client can write to or read another's stream. A stream always ends with
 * {@code eos} on the topic: when the client ends it, stops sending for the idle timeout (then it still gets the last
 * final), breaks a limit or vanishes.
 */
public final class Gateway implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** How long an ended stream's connection waits for its last final: seconds normally, longer only if the pipeline lags. */
    private static final Duration LAST_FINAL_WAIT = Duration.ofSeconds(30);

    private final GatewaySettings settings;
    private final AudioPublisher publisher;
    private final Map<String, WebSocket> streams = new ConcurrentHashMap<>();
    private final Server server;
    private final TranscriptTail tail;
    private final ScheduledExecutorService idleCheck = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "gateway-idle");
        t.setDaemon(true);
        return t;
    });

    private Gateway(KafkaSettings kafka, PipelineConfig topics, GatewaySettings settings) throws InterruptedException {
        this.settings = settings;
        // the chunk length only matters to AudioPublisher.publish of whole recordings, which the gateway does not use
        this.publisher = new AudioPublisher(kafka, topics.inputTopic(), 100);
        // the tail is at the end of the topic before any client can open a stream, so no result is missed
        this.tail = new TranscriptTail(kafka, topics.transcriptsTopic(), false, (t, timestamp) -> deliver(t));
        this.server = new Server(new InetSocketAddress(settings.host(), settings.port()));
        server.setReuseAddr(true);
        server.start();
        if (!server.started.await(30, TimeUnit.SECONDS) || server.failure != null) {
            tail.close();
            publisher.close();
            throw new IllegalStateException("cannot listen on " + settings.host() + ":" + settings.port() + " ("
                    + (server.failure == null ? "no answer within 30 s" : server.failure.getMessage())
                    + "); choose another --gateway-port or --gateway-host");
        }
        long every = Math.max(50, settings.idleTimeout().toMillis() / 4);
        idleCheck.scheduleWithFixedDelay(this::closeIdle, every, every, TimeUnit.MILLISECONDS);
    }

    public static Gateway start(KafkaSettings kafka, PipelineConfig topics, GatewaySettings settings) throws InterruptedException {
        return new Gateway(kafka, topics, settings);
    }

    /** Where clients connect, e.g. {@code ws://127.0.0.1:8090/stream}. */
    public URI uri() {
        String host = settings.host().equals("0.0.0.0") ? "localhost" : settings.host();
        return URI.create("ws://" + host + ":" + server.getPort() + StreamRequest.PATH);
    }

    public int openStreams() {
        return streams.size();
    }

    private void deliver(Transcript t) {
        WebSocket conn = streams.get(t.streamId());
        if (conn == null) return;
        conn.send(new String(t.toJson(), StandardCharsets.UTF_8));
        if (t.isEos()) conn.close(CloseFrame.NORMAL, "end of stream");
    }

    private void send(GatewaySession s, GatewaySession.Chunk c) {
        publisher.send(s.streamId, c.seq(), s.spec.sampleRate(), s.spec.encoding(), s.spec.channels(), c.payload(), c.eos(),
                s.hotWords);
    }

    /** Ends the client's stream on the topic (when not ended yet) and closes the connection with {@code reason}. */
    private void endAndClose(WebSocket conn, int code, String reason) {
        GatewaySession s = conn.getAttachment();
        if (s != null) {
            GatewaySession.Chunk eos = s.end(System.nanoTime());
            if (eos != null) send(s, eos);
        }
        conn.close(code, reason);
    }

    /**
     * A stream without audio for the idle timeout is ended as if the client had sent eos, so that a client that just
     * stops sending (a pipe at its end) still gets the last final; one whose last final does not come is closed.
     */
    private void closeIdle() {
        long now = System.nanoTime();
        long limit = settings.idleTimeout().toNanos();
        for (WebSocket conn : streams.values()) {
            GatewaySession s = conn.getAttachment();
            if (!s.ended() && s.quietNanos(now) > limit) {
                GatewaySession.Chunk eos = s.end(now); // null when the client's own eos came in between
                if (eos != null) send(s, eos);
            } else if (s.ended() && s.quietNanos(now) > LAST_FINAL_WAIT.toNanos()) {
                conn.close(CloseFrame.TRY_AGAIN_LATER, "no last final from the pipeline within " + LAST_FINAL_WAIT.toSeconds() + " s");
            }
        }
    }

    private boolean tokenMatches(ClientHandshake request) {
        String authorization = request.getFieldValue("Authorization");
        String given = authorization.startsWith("Bearer ") ? authorization.substring(7).strip()
                : StreamRequest.token(request.getResourceDescriptor());
        return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                settings.token().getBytes(StandardCharsets.UTF_8));
    }

    private final class Server extends WebSocketServer {
        final CountDownLatch started = new CountDownLatch(1);
        volatile Exception failure;

        Server(InetSocketAddress address) {
            super(address);
        }

        /** Refused before the connection opens: a page of a site not allowed, or a missing or wrong token. */
        @Override
        public ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(WebSocket conn, Draft draft, ClientHandshake request)
                throws InvalidDataException {
            ServerHandshakeBuilder response = super.onWebsocketHandshakeReceivedAsServer(conn, draft, request);
            String origin = request.getFieldValue("Origin");
            if (!origin.isEmpty() && !settings.allowedOrigins().contains(origin)) {
                throw new InvalidDataException(CloseFrame.POLICY_VALIDATION, "origin " + origin + " is not allowed");
            }
            if (settings.token() != null && !tokenMatches(request)) {
                throw new InvalidDataException(CloseFrame.POLICY_VALIDATION, "missing or wrong token");
            }
            return response;
        }

        @Override
        public void onOpen(WebSocket conn, ClientHandshake handshake) {
            StreamRequest request;
            try {
                request = StreamRequest.parse(handshake.getResourceDescriptor());
            } catch (RuntimeException e) {
                conn.close(CloseFrame.POLICY_VALIDATION, e.getMessage());
                return;
            }
            if (streams.size() >= settings.maxStreams()) {
                conn.close(CloseFrame.TRY_AGAIN_LATER, "the gateway has " + settings.maxStreams() + " streams open, its limit");
                return;
            }
            byte[] random = new byte[8];
            RANDOM.nextBytes(random);
            String id = "gw-" + HexFormat.of().formatHex(random);
            conn.setAttachment(new GatewaySession(id, request.spec(), request.hotWords(), settings.maxBytesPerSecond(), System.nanoTime()));
            streams.put(id, conn);
            conn.send("{\"type\":\"ready\",\"streamId\":\"" + id + "\"}");
        }

        @Override
        public void onMessage(WebSocket conn, ByteBuffer audio) {
            GatewaySession s = conn.getAttachment();
            if (s == null) return;
            try {
                for (GatewaySession.Chunk c : s.audio(audio, System.nanoTime())) send(s, c);
            } catch (GatewaySession.LimitExceeded e) {
                endAndClose(conn, CloseFrame.POLICY_VALIDATION, e.getMessage());
            }
        }

        @Override
        public void onMessage(WebSocket conn, String message) {
            GatewaySession s = conn.getAttachment();
            if (s == null) return;
            if (!message.strip().equals("eos")) {
                endAndClose(conn, CloseFrame.POLICY_VALIDATION, "unknown text message; send audio as binary and 'eos' at the end");
                return;
            }
            GatewaySession.Chunk eos = s.end(System.nanoTime());
            if (eos != null) send(s, eos);
        }

        @Override
        public void onClose(WebSocket conn, int code, String reason, boolean remote) {
            GatewaySession s = conn.getAttachment();
            if (s == null) return;
            streams.remove(s.streamId);
            GatewaySession.Chunk eos = s.end(System.nanoTime());
            if (eos != null) send(s, eos);
        }

        @Override
        public void onError(WebSocket conn, Exception e) {
            if (conn == null) {
                failure = e;
                started.countDown();
            }
        }

        @Override
        public void onStart() {
            started.countDown();
        }
    }

    @Override
    public void close() throws InterruptedException {
        idleCheck.shutdownNow();
        server.stop(1000, "the gateway is shutting down");
        tail.close();
        publisher.close();
    }
}
