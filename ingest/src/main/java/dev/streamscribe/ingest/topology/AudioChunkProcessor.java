package dev.streamscribe.ingest.topology;

import dev.streamscribe.decoder.UtteranceResult;
import dev.streamscribe.ingest.metrics.PipelineMetrics;
import dev.streamscribe.ingest.recognizer.Recognizer;
import dev.streamscribe.ingest.recognizer.RecognizerStream;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-record work of the pipeline: validate a chunk against its stream's state, run it through the stream's
 * recogniser, write the results, and keep the state. Every bad record goes to the dead-letter topic with its
 * reason and leaves the stream's state as it was, so the stream goes on; nothing about a record escapes as an
 * exception. Kafka's own exceptions (fencing, rebalance) do propagate, as exactly-once needs.
 */
final class AudioChunkProcessor implements Processor<byte[], byte[], byte[], byte[]> {
    static final String TRANSCRIPTS = "transcripts-sink";
    static final String DLQ = "dlq-sink";
    /** The error headers (a stream id and header values of at most 256 and 64 bytes appear in a detail) and the record framing. */
    private static final int DEAD_LETTER_FRAMING_BYTES = 4096;
    /** Live recognisers kept per task: some tens of KB each, far more streams than a task carries at once. */
    private static final int LIVE_STREAMS = 4096;
    /** A second of frames: a stream with this much audio queued runs at once rather than store it all. */
    private static final int RUN_NOW_FRAMES = 100;

    /** A stream fed since the model last ran, with the state it will have and the records whose audio it holds. */
    private record Waiting(Bytes key, AudioChunk chunk, RecognizerStream stream, StreamState next,
                           List<Record<byte[], byte[]>> records) {
        Waiting withNext(StreamState s) {
            return new Waiting(key, chunk, stream, s, records);
        }
    }

    private final Recognizer recognizer;
    private final PipelineConfig config;
    private final PipelineMetrics metrics;
    private final LiveStreams live = new LiveStreams(LIVE_STREAMS);
    /** Streams whose audio waits for the model, oldest first; they run together when the batch window closes. */
    private final Map<Bytes, Waiting> waiting = new LinkedHashMap<>();
    private ProcessorContext<byte[], byte[]> context;
    private KeyValueStore<Bytes, byte[]> store;
    /** Entries in this task's store: counted once the task runs (after any restore), then kept up to date. */
    private int storedStreams;

    AudioChunkProcessor(Recognizer recognizer, PipelineConfig config, PipelineMetrics metrics) {
        this.recognizer = recognizer;
        this.config = config;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
        this.store = context.getStateStore(PipelineConfig.STORE);
        try (KeyValueIterator<Bytes, byte[]> it = store.all()) {
            for (storedStreams = 0; it.hasNext(); it.next()) storedStreams++;
        }
        live.clear();
        waiting.clear();
        if (!config.batchWindow().isZero()) {
            context.schedule(config.batchWindow(), PunctuationType.WALL_CLOCK_TIME, now -> runWaiting());
        }
        Duration every = config.idleTimeout().dividedBy(4);
        context.schedule(every.compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5) : every,
                PunctuationType.WALL_CLOCK_TIME, this::expireIdleStreams);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        try {
            accept(record);
        } catch (Rejection r) {
            deadLetter(record, r);
        }
    }

    private void accept(Record<byte[], byte[]> record) throws Rejection {
        AudioChunk chunk = AudioChunk.parse(record.key(), record.value(), record.headers(), config);
        Bytes key = Bytes.wrap(record.key());
        StreamState state = stored(key, chunk);
        if (state == null && storedStreams >= config.maxStreams()) {
            throw new Rejection(Rejection.Code.TOO_MANY_STREAMS, "this partition already keeps " + storedStreams
                    + " streams, the limit; stream " + chunk.streamId() + " cannot start until some end and expire");
        }
        try {
            check(chunk, state);
        } catch (Rejection r) {
            if (r.code() == Rejection.Code.SEQ_GAP) rememberGap(key, chunk, state);
            throw r;
        }
        RecognizerStream stream = state == null ? recognizer.createStream(chunk.rate(), chunk.hotWords())
                : live.take(key, state.nextSeq());
        if (stream == null) stream = restore(state);
        Waiting before = waiting.remove(key);
        feed(stream, chunk);
        long now = context.currentSystemTimeMs();
        StreamState base = state != null ? state : StreamState.start(chunk.rate(), chunk.format(), chunk.channels(), now, null);
        if (state == null) storedStreams++;
        List<Record<byte[], byte[]>> records = new ArrayList<>(before == null ? List.of() : before.records());
        records.add(record);
        Waiting w = new Waiting(key, chunk, stream, base.next(chunk.seq(), now, null), records);
        waiting.put(key, w);
        // The window closes early for an end of stream, a second of audio, or a full batch.
        if (chunk.eos() || config.batchWindow().isZero() || stream.queuedFrames() >= RUN_NOW_FRAMES
                || waiting.size() >= recognizer.config().maxBatch()) {
            runWaiting();
            return;
        }
        // The queued audio is stored with the stream, so a commit before the model runs loses nothing.
        store.put(key, w.next().withRecognizer(stream.serialize()).toBytes());
        live.put(key, w.next().nextSeq(), stream);
    }

    /**
     * Runs the queued audio of the streams fed since the model last ran through the model in one batch, decodes,
     * writes the results and stores each stream's state. If that fails, which no record should be able to cause,
     * the batch's records are dead-lettered and its streams start over at their next chunks, as after a gap: the
     * application goes on.
     */
    private void runWaiting() {
        if (waiting.isEmpty()) return;
        List<Waiting> batch = new ArrayList<>(waiting.values());
        waiting.clear();
        List<List<UtteranceResult>> results;
        try {
            results = recognizer.advanceAll(batch.stream().map(Waiting::stream).toList());
        } catch (RuntimeException e) {
            for (Waiting w : batch) startOver(w, e);
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            Waiting w = batch.get(i);
            boolean eos = w.chunk().eos();
            List<UtteranceResult> out = new ArrayList<>(results.get(i));
            try {
                if (eos) out.addAll(w.stream().finish());
            } catch (RuntimeException e) {
                startOver(w, e);
                continue;
            }
            emit(w.key().get(), w.chunk().streamId(), out, w.records().get(w.records().size() - 1).timestamp());
            store.put(w.key(), w.next().withRecognizer(eos ? null : w.stream().serialize()).toBytes());
            if (eos) live.remove(w.key());
            else live.put(w.key(), w.next().nextSeq(), w.stream());
        }
    }

    private void startOver(Waiting w, RuntimeException e) {
        forget(w.key(), w.chunk());
        Rejection r = new Rejection(Rejection.Code.INTERNAL, "recognition failed: " + e
                + "; the stream starts over at its next chunk");
        for (Record<byte[], byte[]> record : w.records()) deadLetter(record, r);
    }

    private static void check(AudioChunk chunk, StreamState state) throws Rejection {
        long expected = state == null ? 0 : state.nextSeq();
        if (chunk.seq() < expected) {
            throw new Rejection(Rejection.Code.DUPLICATE, "seq " + chunk.seq() + " was already processed (expected " + expected + ")");
        }
        if (state != null && state.ended()) {
            throw new Rejection(Rejection.Code.AFTER_EOS, "stream " + chunk.streamId() + " already ended at seq " + (expected - 1));
        }
        if (chunk.seq() > expected && !(state != null && state.resumesAfterGap(chunk.seq()))) {
            throw new Rejection(Rejection.Code.SEQ_GAP, "expected seq " + expected + ", got " + chunk.seq());
        }
        if (state == null) return;
        if (state.rate() != chunk.rate()) {
            throw new Rejection(Rejection.Code.RATE_CHANGE, "rate changed from " + state.rate() + " to " + chunk.rate() + " Hz");
        }
        if (state.format() != chunk.format() || state.channels() != chunk.channels()) {
            throw new Rejection(Rejection.Code.FORMAT_CHANGE, "format changed from " + state.format().header() + "/"
                    + state.channels() + " ch to " + chunk.format().header() + "/" + chunk.channels() + " ch");
        }
    }

    /**
     * A chunk after a gap may be a stray (the expected chunk still comes next) or the missing chunks may be lost
     * for good (the next chunk follows the rejected one). Remembering the rejected seq lets the stream go on in
     * both cases instead of rejecting everything until the idle timeout. A stream whose audio waits for the model
     * remembers it in the state it will be stored with too, or the window's end would forget it.
     */
    private void rememberGap(Bytes key, AudioChunk chunk, StreamState state) {
        long now = context.currentSystemTimeMs();
        StreamState base = state != null ? state : StreamState.start(chunk.rate(), chunk.format(), chunk.channels(), now,
                recognizer.createStream(chunk.rate()).serialize());
        if (state == null) storedStreams++;
        store.put(key, base.withGapAt(chunk.seq(), now).toBytes());
        waiting.computeIfPresent(key, (k, w) -> w.withNext(w.next().withGapAt(chunk.seq(), now)));
    }

    /**
     * The stream's state, or null for a new stream. A state that cannot be read (written by an incompatible version,
     * or damaged) is dropped: thrown on, it would fail the task at this record after every restart. The chunk is
     * dead-lettered and the stream starts over as after a gap, so its next chunk is recognised again.
     */
    private StreamState stored(Bytes key, AudioChunk chunk) throws Rejection {
        byte[] bytes = store.get(key);
        if (bytes == null) return null;
        try {
            return StreamState.fromBytes(bytes);
        } catch (SerializationException e) {
            forget(key, chunk);
            throw new Rejection(Rejection.Code.STATE_UNREADABLE, "the stored state of stream " + chunk.streamId()
                    + " is unreadable (" + e.getMessage() + "); the stream starts over at its next chunk");
        }
    }

    /** Drops the stream's state; it starts over at the chunk after {@code chunk}, as after a gap. */
    private void forget(Bytes key, AudioChunk chunk) {
        store.delete(key);
        storedStreams--;
        live.remove(key);
        rememberGap(key, chunk, null);
    }

    private RecognizerStream restore(StreamState state) throws Rejection {
        try {
            return recognizer.restore(state.recognizer());
        } catch (IOException e) {
            throw new Rejection(Rejection.Code.INTERNAL, "the stream's stored state is unreadable: " + e.getMessage());
        }
    }

    /** A failure inside the recogniser is a problem of this chunk, not of the application: it is dead-lettered. */
    private static void feed(RecognizerStream stream, AudioChunk chunk) throws Rejection {
        try {
            stream.feed(chunk.samples());
        } catch (RuntimeException e) {
            throw new Rejection(Rejection.Code.INTERNAL, "recognition failed: " + e);
        }
    }

    private void emit(byte[] key, String streamId, List<UtteranceResult> results, long timestamp) {
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        for (UtteranceResult r : results) {
            byte[] json = Transcript.of(streamId, r, now, recognizer.modelName()).toJson();
            context.forward(new Record<>(key, json, timestamp), TRANSCRIPTS);
            metrics.transcriptEmitted(r.isFinal(), now.toEpochMilli() - timestamp);
        }
    }

    /**
     * The dead letter is the record as it came, unless that is larger than the producer may send: then the send would
     * fail the task, the task would retry the same record, and its partition would stall for good. Such a record
     * loses its payload, then its headers, then its key, until the rest fits; the detail says what was dropped.
     */
    private void deadLetter(Record<byte[], byte[]> record, Rejection r) {
        byte[] key = record.key();
        byte[] value = record.value();
        Header[] original = record.headers().toArray();
        String detail = String.valueOf(r.getMessage());
        long size = length(key) + length(value) + length(original);
        if (size + DEAD_LETTER_FRAMING_BYTES > config.maxDeadLetterBytes()) {
            List<String> dropped = new ArrayList<>(List.of("payload"));
            value = null;
            if (length(key) + length(original) + DEAD_LETTER_FRAMING_BYTES > config.maxDeadLetterBytes()) {
                original = new Header[0];
                dropped.add("headers");
            }
            if (length(key) + DEAD_LETTER_FRAMING_BYTES > config.maxDeadLetterBytes()) {
                key = null;
                dropped.add("key");
            }
            detail += "; the record of " + size + " bytes is too large to dead-letter whole: its " + String.join(", ", dropped) + " dropped";
        }
        RecordHeaders headers = new RecordHeaders(original);
        headers.add("error", r.code().header().getBytes(StandardCharsets.UTF_8));
        headers.add("error.detail", detail.getBytes(StandardCharsets.UTF_8));
        context.forward(new Record<>(key, value, record.timestamp(), headers), DLQ);
        metrics.deadLettered(r.code().header());
    }

    private static long length(byte[] b) {
        return b == null ? 0 : b.length;
    }

    /** Header bytes as the record format counts them, with a generous allowance for each header's length fields. */
    private static long length(Header[] headers) {
        long n = 0;
        for (Header h : headers) n += h.key().getBytes(StandardCharsets.UTF_8).length + length(h.value()) + 10;
        return n;
    }

    /**
     * Streams that went quiet without eos get their final now, and their state goes, so the store stays bounded.
     * The same pass counts the streams still running for monitoring.
     */
    private void expireIdleStreams(long nowMs) {
        runWaiting();
        List<KeyValue<Bytes, StreamState>> idle = new ArrayList<>();
        int running = 0;
        try (KeyValueIterator<Bytes, byte[]> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> kv = it.next();
                StreamState state = readable(kv);
                if (state == null || nowMs - state.lastSeenMs() >= config.idleTimeout().toMillis()) idle.add(KeyValue.pair(kv.key, state));
                else if (!state.ended()) running++;
            }
        }
        metrics.activeStreams(context.taskId().toString(), running);
        for (KeyValue<Bytes, StreamState> kv : idle) {
            if (kv.value != null && !kv.value.ended()) finishIdle(kv.key.get(), kv.value, nowMs);
            store.delete(kv.key);
            storedStreams--;
            live.remove(kv.key);
        }
    }

    /** An unreadable state (null here) has no last-seen time to wait for and cannot be finished: it goes now. */
    private static StreamState readable(KeyValue<Bytes, byte[]> kv) {
        try {
            return StreamState.fromBytes(kv.value);
        } catch (SerializationException e) {
            System.err.println("streamscribe: dropping the unreadable state of stream "
                    + new String(kv.key.get(), StandardCharsets.UTF_8) + ": " + e.getMessage());
            return null;
        }
    }

    @Override
    public void close() {
        metrics.activeStreams(context.taskId().toString(), 0);
        live.clear();
        waiting.clear();
    }

    private void finishIdle(byte[] key, StreamState state, long nowMs) {
        String streamId = new String(key, StandardCharsets.UTF_8);
        try {
            emit(key, streamId, recognizer.restore(state.recognizer()).finish(), nowMs);
        } catch (IOException | RuntimeException e) {
            // The stream is gone either way; its audio is in the input topic for anyone who wants to replay it.
            System.err.println("streamscribe: could not finalise idle stream " + streamId + ": " + e);
        }
    }
}
