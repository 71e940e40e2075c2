package dev.streamscribe.ingest.topology;

import dev.streamscribe.ingest.metrics.PipelineMetrics;
import dev.streamscribe.ingest.recognizer.Recognizer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * audio.chunks -> [recognise, with the per-stream state store] -> transcripts, audio.chunks.dlq.
 * Keys stay raw bytes end to end, so a key that is not valid UTF-8 reaches the processor and is dead-lettered
 * instead of failing deserialisation. The store keeps bytes too: the processor decodes them, so that a state it
 * cannot read costs the stream its state rather than failing the task at every restart. The store's cache folds
 * the two writes of a chunk that waits for the batch window (before and after the model) into one per commit.
 */
public final class TranscriptionTopology {
    private TranscriptionTopology() {}

    public static Topology build(Recognizer recognizer, PipelineConfig config) {
        return build(recognizer, config, PipelineMetrics.NONE);
    }

    public static Topology build(Recognizer recognizer, PipelineConfig config, PipelineMetrics metrics) {
        ByteArrayDeserializer in = new ByteArrayDeserializer();
        ByteArraySerializer out = new ByteArraySerializer();
        return new Topology()
                .addSource("audio", in, in, config.inputTopic())
                .addProcessor("recognise", () -> new AudioChunkProcessor(recognizer, config, metrics), "audio")
                .addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PipelineConfig.STORE),
                        Serdes.Bytes(), Serdes.ByteArray()).withCachingEnabled(), "recognise")
                .addSink(AudioChunkProcessor.TRANSCRIPTS, config.transcriptsTopic(), out, out, "recognise")
                .addSink(AudioChunkProcessor.DLQ, config.dlqTopic(), out, out, "recognise");
    }
}
