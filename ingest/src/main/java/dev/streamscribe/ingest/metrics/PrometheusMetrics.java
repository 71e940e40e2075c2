package dev.streamscribe.ingest.metrics;

import com.sun.net.httpserver.HttpHandler;
import dev.streamscribe.ingest.web.WebServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.streams.KafkaStreams;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The metrics of one process in Prometheus form: JVM and CPU meters, the Kafka Streams client's own metrics once
 * {@link #bind} is called, and whatever else registers in {@link #registry()}; {@link #endpoint()} serves them.
 */
public final class PrometheusMetrics implements AutoCloseable {
    public static final String PATH = "/metrics";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final List<AutoCloseable> binders = new ArrayList<>();

    public PrometheusMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        binders.add(gc);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Adds the Streams client's metrics (threads, tasks, stores, its producer and consumers) as {@code kafka_stream_*} etc. */
    public void bind(KafkaStreams streams) {
        KafkaStreamsMetrics m = new KafkaStreamsMetrics(streams);
        m.bindTo(registry);
        binders.add(m);
    }

    /** The scrape handler for {@link #PATH}: the text exposition format Prometheus reads. */
    public HttpHandler endpoint() {
        return exchange -> WebServer.respond(exchange, 200, "text/plain; version=0.0.4; charset=utf-8",
                registry.scrape().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable b : binders) b.close();
        registry.close();
    }
}
