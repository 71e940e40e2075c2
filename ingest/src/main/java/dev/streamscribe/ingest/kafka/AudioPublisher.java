package dev.streamscribe.ingest.kafka;

import dev.streamscribe.decoder.HotWords;
import dev.streamscribe.features.audio.Audio;
import dev.streamscribe.features.audio.PcmFormat;
import dev.streamscribe.ingest.topology.AudioChunk;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Sends audio to {@code audio.chunks} as a producer of ARCHITECTURE.md §3 would: s16le chunks of {@code chunkMs} with
 * seq/rate/format/channels headers and eos on the last, optionally paced in real time like a live source.
 * The producer is idempotent, so a retried send cannot duplicate a chunk.
 */
public final class AudioPublisher implements AutoCloseable {
    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final int chunkMs;
    private final HotWords hotWords;

    public AudioPublisher(KafkaSettings kafka, String topic, int chunkMs) {
        this(kafka, topic, chunkMs, HotWords.NONE);
    }

    /** A publisher whose streams ask for {@code hotWords} (the hotwords header of each stream's first chunk). */
    public AudioPublisher(KafkaSettings kafka, String topic, int chunkMs, HotWords hotWords) {
        this(new KafkaProducer<>(kafka.properties(Map.of("enable.idempotence", "true", "acks", "all", "linger.ms", "5")),
                new ByteArraySerializer(), new ByteArraySerializer()), topic, chunkMs, hotWords);
    }

    AudioPublisher(Producer<byte[], byte[]> producer, String topic, int chunkMs, HotWords hotWords) {
        if (chunkMs < 1 || chunkMs > 10_000) throw new IllegalArgumentException("chunk length must be 1..10000 ms, got " + chunkMs);
        this.producer = producer;
        this.topic = topic;
        this.chunkMs = chunkMs;
        this.hotWords = hotWords;
    }

    /** Publishes a whole recording as one stream; returns the number of chunks sent. */
    public int publish(String streamId, Audio audio, boolean realtime) throws InterruptedException {
        int step = Math.max(1, audio.sampleRate() * chunkMs / 1000);
        float[] x = audio.samples();
        long start = System.nanoTime();
        int seq = 0;
        for (int from = 0; from < x.length || seq == 0; from += step, seq++) {
            int to = Math.min(x.length, from + step);
            if (realtime) sleepUntil(start + (long) from * 1_000_000_000L / audio.sampleRate());
            send(streamId, seq, audio.sampleRate(), PcmFormat.toS16le(x, from, to), to >= x.length);
        }
        producer.flush();
        return seq;
    }

    /**
     * Fails before anything is sent on a stream the pipeline would dead-letter chunk by chunk (ARCHITECTURE.md §3): a
     * stream id that is empty, too long or has control characters, or a rate outside what the topic takes.
     */
    public static void checkStream(String streamId, int rate) {
        int bytes = streamId.getBytes(StandardCharsets.UTF_8).length;
        if (bytes == 0 || bytes > AudioChunk.MAX_STREAM_ID_BYTES || streamId.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("stream id '" + streamId + "' is not usable: it must be 1-"
                    + AudioChunk.MAX_STREAM_ID_BYTES + " bytes of UTF-8 without control characters");
        }
        if (rate < AudioChunk.MIN_RATE || rate > AudioChunk.MAX_RATE) {
            throw new IllegalArgumentException("sample rate " + rate + " Hz is outside the " + AudioChunk.MIN_RATE + "-"
                    + AudioChunk.MAX_RATE + " Hz the pipeline takes (resample it, e.g. sox IN -r 16000 OUT)");
        }
    }

    /** One mono s16le chunk of a stream that asks for this publisher's hot words. */
    public void send(String streamId, long seq, int rate, byte[] s16le, boolean eos) {
        send(streamId, seq, rate, PcmFormat.S16LE, 1, s16le, eos, hotWords);
    }

    /**
     * One chunk with whatever headers it is given, unchecked, as any producer may send them (the pipeline judges
     * them); {@code hotWords} go on the stream's first chunk (seq 0) only.
     */
    public void send(String streamId, long seq, int rate, PcmFormat format, int channels, byte[] payload, boolean eos,
                     HotWords hotWords) {
        RecordHeaders h = new RecordHeaders();
        h.add("seq", ascii(Long.toString(seq)));
        h.add("rate", ascii(Integer.toString(rate)));
        h.add("format", ascii(format.header()));
        h.add("channels", ascii(Integer.toString(channels)));
        if (eos) h.add("eos", ascii("true"));
        if (seq == 0 && !hotWords.isEmpty()) h.add("hotwords", ascii(hotWords.format(',')));
        producer.send(new ProducerRecord<>(topic, null, streamId.getBytes(StandardCharsets.UTF_8), payload, h));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
    }

    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
    }
}
