package dev.streamscribe.ingest.cli;

import dev.streamscribe.ingest.kafka.KafkaSettings;
import dev.streamscribe.ingest.kafka.StreamsPipeline;
import dev.streamscribe.ingest.metrics.MicrometerPipelineMetrics;
import dev.streamscribe.ingest.metrics.PrometheusMetrics;
import dev.streamscribe.ingest.recognizer.Recognizer;
import dev.streamscribe.ingest.topology.PipelineConfig;

/** The Streams application as serve and demo run it: its recogniser, and its metrics and Kafka Streams' in one registry. */
record MonitoredPipeline(PrometheusMetrics metrics, Recognizer recognizer, StreamsPipeline pipeline) implements AutoCloseable {
    static MonitoredPipeline start(Options o, KafkaSettings kafka, PipelineConfig config, StreamsPipeline.Settings settings)
            throws Exception {
        PrometheusMetrics metrics = new PrometheusMetrics();
        MicrometerPipelineMetrics pipelineMetrics = new MicrometerPipelineMetrics(metrics.registry());
        Recognizer recognizer = null;
        StreamsPipeline pipeline = null;
        try {
            recognizer = Recognizer.create(RecognizerOptions.from(o), pipelineMetrics);
            pipeline = StreamsPipeline.start(kafka, recognizer, config, settings, pipelineMetrics);
            metrics.bind(pipeline.streams());
            return new MonitoredPipeline(metrics, recognizer, pipeline);
        } catch (Exception | Error e) {
            new MonitoredPipeline(metrics, recognizer, pipeline).close();
            throw e;
        }
    }

    /** Closes what there is; when starting failed, that may be only the metrics. */
    @Override
    public void close() throws Exception {
        if (pipeline != null) pipeline.close();
        if (recognizer != null) recognizer.close();
        metrics.close();
    }
}
