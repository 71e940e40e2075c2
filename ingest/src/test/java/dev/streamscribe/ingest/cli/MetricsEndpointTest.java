package dev.streamscribe.ingest.cli;

import dev.streamscribe.features.audio.Audio;
import dev.streamscribe.ingest.TestAudio;
import dev.streamscribe.ingest.TestStreams;
import dev.streamscribe.ingest.kafka.AudioPublisher;
import dev.streamscribe.ingest.kafka.EmbeddedKafka;
import dev.streamscribe.ingest.kafka.KafkaSettings;
import dev.streamscribe.ingest.kafka.StreamsPipeline;
import dev.streamscribe.ingest.kafka.TranscriptTail;
import dev.streamscribe.ingest.metrics.PrometheusMetrics;
import dev.streamscribe.ingest.metrics.PrometheusScrape;
import dev.streamscribe.ingest.topology.PipelineConfig;
import dev.streamscribe.ingest.web.HttpSettings;
import dev.streamscribe.ingest.web.WebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The metrics endpoint of {@code ./asr serve}, scraped over HTTP while the pipeline (wired as serve wires it)
 * transcribes real audio on the in-process broker: the pipeline's own meters must count what was sent, and Kafka
 * Streams' metrics must be there beside them.
 */
class MetricsEndpointTest {
    @Test
    void scrapeCountsAudioLatencyDeadLettersAndActiveStreamsBesideKafkaStreamsMetrics(@TempDir Path dir) throws Exception {
        PipelineConfig config = PipelineConfig.DEFAULT;
        Audio audio = TestAudio.read(TestAudio.REPORT);
        List<byte[]> chunks = TestStreams.s16leChunks(audio, 100);
        int half = chunks.size() / 2;
        try (EmbeddedKafka broker = EmbeddedKafka.start(dir.resolve("kafka"))) {
            KafkaSettings kafka = KafkaSettings.of(broker.bootstrapServers());
            kafka.createTopics(config, 1, (short) 1);
            Options options = Options.parse(List.of("--lm", "none", "--threads", "2"), Map.of());
            CountDownLatch ended = new CountDownLatch(1);
            try (WebServer web = WebServer.start(new HttpSettings(HttpSettings.LOOPBACK, 0), 4);
                 MonitoredPipeline app = MonitoredPipeline.start(options, kafka, config,
                         StreamsPipeline.Settings.defaults(dir.resolve("state")).withApplicationId("metrics-test"));
                 TranscriptTail tail = new TranscriptTail(kafka, config.transcriptsTopic(), t -> {
                     if (t.isEos()) ended.countDown();
                 });
                 AudioPublisher publisher = new AudioPublisher(kafka, config.inputTopic(), 100)) {
                web.route(PrometheusMetrics.PATH, app.metrics().endpoint());
                URI endpoint = web.uri().resolve(PrometheusMetrics.PATH);
                app.pipeline().awaitRunning(Duration.ofSeconds(60));

                for (int i = 0; i < half; i++) publisher.send("call-1", i, audio.sampleRate(), chunks.get(i), false);
                publisher.send("call-1", 999, audio.sampleRate(), chunks.get(0), false); // a gap: dead-lettered
                publisher.send("call-2", 0, 1_000_000, chunks.get(0), false);            // an absurd rate
                publisher.flush();
                // the idle sweep counts running streams every 5 s
                awaitScrape(endpoint, m -> m.getOrDefault("streamscribe_active_streams", 0.0) == 1.0);

                for (int i = half; i < chunks.size(); i++) {
                    publisher.send("call-1", i, audio.sampleRate(), chunks.get(i), i == chunks.size() - 1);
                }
                publisher.flush();
                assertTrue(ended.await(90, TimeUnit.SECONDS), "the stream ends");
                Map<String, Double> m = awaitScrape(endpoint, s -> s.getOrDefault("streamscribe_active_streams", -1.0) == 0.0);

                assertEquals(audio.durationMs() / 1000.0, m.get("streamscribe_audio_seconds_total"), 0.002, "all audio counted once");
                double rtf = m.get("streamscribe_real_time_factor");
                assertTrue(rtf > 0 && rtf < 1, "real-time factor " + rtf);
                assertEquals(rtf, m.get("streamscribe_processing_seconds_total") / m.get("streamscribe_audio_seconds_total"), 1e-9);
                assertEquals(1.0, m.get("streamscribe_dead_letters_total{code=\"seq-gap\"}"));
                assertEquals(1.0, m.get("streamscribe_dead_letters_total{code=\"bad-rate\"}"));
                for (String type : List.of("partial", "final")) {
                    double count = m.get("streamscribe_transcript_latency_seconds_count{type=\"" + type + "\"}");
                    assertTrue(count >= 1, type + " latencies recorded");
                    assertEquals(count, m.get("streamscribe_transcript_latency_seconds_bucket{type=\"" + type + "\",le=\"+Inf\"}"));
                    assertTrue(m.get("streamscribe_transcript_latency_seconds_sum{type=\"" + type + "\"}") < 60 * count,
                            "latencies are seconds, not hours");
                }
                double batches = m.get("streamscribe_model_batch_streams_count");
                // Chunks published faster than real time share batch windows, so there are fewer steps than chunks.
                assertTrue(batches >= 1 && batches <= chunks.size(), "between one model step and one per chunk: " + batches);
                assertTrue(m.get("streamscribe_model_batch_streams_sum") >= batches);
                assertTrue(m.entrySet().stream().anyMatch(e -> e.getKey().startsWith("kafka_stream_thread_process_total{")
                        && e.getValue() >= chunks.size()), "Kafka Streams counted the records it processed");
                assertTrue(m.keySet().stream().anyMatch(k -> k.startsWith("jvm_memory_used_bytes{")));
            }
        }
    }

    /** Scrapes until {@code condition} holds (the meters move as the pipeline works), then returns that scrape. */
    private static Map<String, Double> awaitScrape(URI endpoint, Predicate<Map<String, Double>> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        Map<String, Double> m = scrape(endpoint);
        while (!condition.test(m)) {
            if (System.nanoTime() > deadline) throw new AssertionError("the metrics never reached the expected state: " + m);
            Thread.sleep(500);
            m = scrape(endpoint);
        }
        return m;
    }

    /** The samples of a Prometheus text exposition, by series ({@code name{labels}}). */
    private static Map<String, Double> scrape(URI endpoint) throws IOException, InterruptedException {
        PrometheusScrape r = PrometheusScrape.of(endpoint);
        assertEquals(200, r.status());
        assertTrue(r.contentType().startsWith("text/plain; version=0.0.4"));
        return r.samples();
    }
}
