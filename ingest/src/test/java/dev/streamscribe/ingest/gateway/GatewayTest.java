package dev.streamscribe.ingest.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamscribe.ingest.TestAudio;
import dev.streamscribe.ingest.TestStreams;
import dev.streamscribe.ingest.kafka.EmbeddedKafka;
import dev.streamscribe.ingest.kafka.KafkaSettings;
import dev.streamscribe.ingest.kafka.StreamsPipeline;
import dev.streamscribe.ingest.kafka.TranscriptTail;
import dev.streamscribe.ingest.recognizer.FileTranscriber;
import dev.streamscribe.ingest.topology.PipelineConfig;
import dev.streamscribe.ingest.topology.Transcript;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The live gateway in front of the real pipeline on an in-process KRaft broker, with real WebSocket clients. */
class GatewayTest {
    private static final PipelineConfig CONFIG = PipelineConfig.DEFAULT;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    private static EmbeddedKafka broker;
    private static KafkaSettings kafka;
    private static StreamsPipeline pipeline;
    /** Every transcript on the topic, by stream: what the pipeline made of what the gateway sent. */
    private static final Map<String, List<Transcript>> onTopic = new ConcurrentHashMap<>();
    private static TranscriptTail tail;

    @BeforeAll
    static void startPipeline() throws Exception {
        broker = EmbeddedKafka.start(dir.resolve("kafka"));
        kafka = KafkaSettings.of(broker.bootstrapServers());
        kafka.createTopics(CONFIG, 2, (short) 1);
        pipeline = StreamsPipeline.start(kafka, TestAudio.recognizer(), CONFIG,
                StreamsPipeline.Settings.defaults(dir.resolve("state")).withApplicationId("gateway"));
        pipeline.awaitRunning(Duration.ofSeconds(60));
        tail = new TranscriptTail(kafka, CONFIG.transcriptsTopic(),
                t -> onTopic.computeIfAbsent(t.streamId(), k -> new CopyOnWriteArrayList<>()).add(t));
    }

    @AfterAll
    static void stop() throws Exception {
        tail.close();
        pipeline.close();
        broker.close();
    }

    /** A client of the gateway that keeps what it receives and how the connection closed. */
    static final class Client extends WebSocketClient {
        final List<JsonNode> messages = new CopyOnWriteArrayList<>();
        final CountDownLatch closed = new CountDownLatch(1);
        volatile int closeCode;
        volatile String closeReason;

        Client(URI uri, Map<String, String> headers) {
            super(uri, headers);
        }

        static Client open(URI uri, Map<String, String> headers) throws InterruptedException {
            Client c = new Client(uri, headers);
            c.connectBlocking(10, TimeUnit.SECONDS);
            return c;
        }

        String streamId() throws InterruptedException {
            for (int i = 0; i < 100 && messages.isEmpty(); i++) Thread.sleep(50);
            JsonNode ready = messages.get(0);
            assertEquals("ready", ready.get("type").asText());
            return ready.get("streamId").asText();
        }

        List<Transcript> transcripts() throws Exception {
            List<Transcript> out = new ArrayList<>();
            for (JsonNode m : messages) if (!m.has("type") || !m.get("type").asText().equals("ready")) out.add(JSON.treeToValue(m, Transcript.class));
            return out;
        }

        void sendAudio(String fixture, int chunkMs) {
            for (byte[] chunk : TestStreams.s16leChunks(TestAudio.read(fixture), chunkMs)) send(chunk);
        }

        boolean awaitClose() throws InterruptedException {
            return closed.await(60, TimeUnit.SECONDS);
        }

        @Override
        public void onOpen(ServerHandshake handshake) {}

        @Override
        public void onMessage(String message) {
            try {
                messages.add(JSON.readTree(message));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void onClose(int code, String reason, boolean remote) {
            closeCode = code;
            closeReason = reason;
            closed.countDown();
        }

        @Override
        public void onError(Exception e) {}
    }

    private static Gateway gateway(GatewaySettings settings) throws InterruptedException {
        return Gateway.start(kafka, CONFIG, settings.withPort(0));
    }

    private static URI uri(Gateway g, String query) {
        return URI.create(g.uri() + (query.isEmpty() ? "" : "?" + query));
    }

    @Test
    void twoClientsEachGetTheirOwnStreamsTranscriptAndHotWordsApplyToTheirStreamOnly() throws Exception {
        try (Gateway g = gateway(GatewaySettings.defaults())) {
            Client plain = Client.open(uri(g, "rate=16000"), Map.of());
            Client boosted = Client.open(uri(g, "rate=16000&format=s16le&hotwords=noon:8"), Map.of());
            String plainId = plain.streamId();
            String boostedId = boosted.streamId();
            assertNotEquals(plainId, boostedId);
            plain.sendAudio(TestAudio.REPORT, 100);
            boosted.sendAudio(TestAudio.REPORT, 250);
            plain.send("eos");
            boosted.send("eos");
            assertTrue(plain.awaitClose() && boosted.awaitClose(), "the gateway closes after each stream's last final");
            assertEquals(1000, plain.closeCode);

            String offline = new FileTranscriber(TestAudio.recognizer()).transcribe(TestAudio.path(TestAudio.REPORT)).text();
            List<Transcript> got = plain.transcripts();
            assertTrue(got.stream().allMatch(t -> t.streamId().equals(plainId)), "a client gets its own stream only");
            assertTrue(got.stream().anyMatch(t -> !t.isFinal()), "partials arrive while the audio streams");
            assertTrue(got.get(got.size() - 1).isEos());
            assertEquals(offline, TestStreams.finalText(got));
            String withHotWord = TestStreams.finalText(boosted.transcripts());
            assertTrue(List.of(withHotWord.split(" ")).contains("noon") && !List.of(offline.split(" ")).contains("noon"), withHotWord);
        }
    }

    /** A phone system's mu-law audio at 8 kHz gives the transcript of the same audio decoded to s16le. */
    @Test
    void muLawFromAPhoneSystemReadsAsTheLinearAudio() throws Exception {
        Path raw = dir.resolve("call.ulaw");
        Path decoded = dir.resolve("call-decoded.wav");
        String source = TestAudio.path(TestAudio.WEATHER_8K).toString();
        assertEquals(0, new ProcessBuilder("sox", source, "-t", "raw", "-e", "u-law", "-b", "8", raw.toString()).inheritIO().start().waitFor());
        assertEquals(0, new ProcessBuilder("sox", "-t", "raw", "-r", "8000", "-c", "1", "-e", "u-law", "-b", "8", raw.toString(),
                "-e", "signed-integer", "-b", "16", decoded.toString()).inheritIO().start().waitFor());
        byte[] mulaw = Files.readAllBytes(raw);
        try (Gateway g = gateway(GatewaySettings.defaults())) {
            Client phone = Client.open(uri(g, "rate=8000&format=mulaw"), Map.of());
            phone.streamId();
            for (int from = 0; from < mulaw.length; from += 160) { // 20 ms packets, as RTP carries them
                phone.send(Arrays.copyOfRange(mulaw, from, Math.min(mulaw.length, from + 160)));
            }
            phone.send("eos");
            assertTrue(phone.awaitClose());
            String expected = new FileTranscriber(TestAudio.recognizer()).transcribe(decoded).text();
            assertFalse(expected.isBlank());
            assertEquals(expected, TestStreams.finalText(phone.transcripts()));
        }
    }

    @Test
    void browsersOfOtherSitesAndClientsWithoutTheTokenAreRefused() throws Exception {
        GatewaySettings settings = GatewaySettings.defaults().withAllowedOrigins(Set.of("http://127.0.0.1:8080")).withToken("s3cret");
        try (Gateway g = gateway(settings)) {
            assertFalse(Client.open(uri(g, "token=s3cret"), Map.of("Origin", "http://evil.example")).isOpen(), "another site's page");
            assertFalse(Client.open(uri(g, ""), Map.of()).isOpen(), "no token");
            assertFalse(Client.open(uri(g, "token=guess"), Map.of()).isOpen(), "wrong token");
            Client page = Client.open(uri(g, "token=s3cret"), Map.of("Origin", "http://127.0.0.1:8080"));
            Client tool = Client.open(uri(g, ""), Map.of("Authorization", "Bearer s3cret"));
            assertTrue(page.isOpen() && tool.isOpen());
            page.streamId();
            tool.streamId();
            Client badRate = Client.open(uri(g, "rate=4000&token=s3cret"), Map.of());
            assertTrue(badRate.awaitClose());
            assertEquals(1008, badRate.closeCode);
            assertEquals("rate 4000 Hz is outside 8000-48000", badRate.closeReason);
        }
    }

    @Test
    void limitsCloseWithAReasonAndTheStreamStillEnds() throws Exception {
        GatewaySettings settings = GatewaySettings.defaults().withLimits(2, 20_000, Duration.ofMillis(800));
        try (Gateway g = gateway(settings)) {
            Client fast = Client.open(uri(g, ""), Map.of());
            String fastId = fast.streamId();
            fast.send(new byte[60_000]);
            assertTrue(fast.awaitClose());
            assertEquals(1008, fast.closeCode);
            assertTrue(fast.closeReason.contains("20000 bytes/s"), fast.closeReason);

            Client quiet = Client.open(uri(g, ""), Map.of());
            String quietId = quiet.streamId();
            quiet.send(new byte[3200]);
            Client third = Client.open(uri(g, ""), Map.of());
            Client fourth = Client.open(uri(g, ""), Map.of());
            assertTrue(fourth.awaitClose());
            assertEquals(1013, fourth.closeCode, "over the stream limit: " + fourth.closeReason);
            assertTrue(quiet.awaitClose());
            assertEquals(1000, quiet.closeCode, "a client that stops sending is ended as if it had sent eos");
            assertTrue(quiet.transcripts().get(quiet.transcripts().size() - 1).isEos(), "and still gets the last final");

            Client vanishing = Client.open(uri(g, ""), Map.of());
            String vanishedId = vanishing.streamId();
            vanishing.send(new byte[3200]);
            vanishing.getSocket().close();
            third.close();

            for (String id : List.of(fastId, quietId, vanishedId)) {
                long deadline = System.currentTimeMillis() + 30_000;
                while (System.currentTimeMillis() < deadline
                        && onTopic.getOrDefault(id, List.of()).stream().noneMatch(Transcript::isEos)) Thread.sleep(100);
                assertTrue(onTopic.getOrDefault(id, List.of()).stream().anyMatch(Transcript::isEos), "stream " + id + " ended on the topic");
            }
        }
    }
}
