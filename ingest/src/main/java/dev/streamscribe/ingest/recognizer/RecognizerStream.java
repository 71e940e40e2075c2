package dev.streamscribe.ingest.recognizer;

import dev.streamscribe.acoustic.model.AcousticModel;
import dev.streamscribe.acoustic.model.ModelStream;
import dev.streamscribe.decoder.CtcStreamDecoder;
import dev.streamscribe.decoder.HotWords;
import dev.streamscribe.decoder.UtteranceResult;
import dev.streamscribe.features.frames.FeatureStream;

import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One audio stream being recognised (DeepSpeech's createStream / feedAudioContent / intermediateDecode /
 * finishStream): audio -> frames -> log-probs -> results. Its whole state serialises to a few KB, so the
 * Kafka processor keeps it in a changelogged store between records.
 */
public final class RecognizerStream {
    /** 2 adds the stream's own hot words; 1, without them, is still read. */
    private static final int FORMAT = 2;

    private final Recognizer recognizer;
    private final FeatureStream features;
    private final ModelStream model;
    private final CtcStreamDecoder decoder;
    private final HotWords hotWords;
    /** The hot words as stored with every state write, formatted once: the state is written after every chunk. */
    private final String storedHotWords;

    RecognizerStream(Recognizer recognizer, int sampleRate, HotWords hotWords) {
        this.recognizer = recognizer;
        this.hotWords = hotWords;
        this.storedHotWords = hotWords.format(',');
        var meta = recognizer.meta();
        var config = recognizer.config().decoder();
        this.features = new FeatureStream(sampleRate, meta.features(), meta.normalizer());
        this.model = new ModelStream(meta.model());
        this.decoder = new CtcStreamDecoder(config.withHotWords(config.hotWords().with(hotWords)), recognizer.lm(), meta.frameMs());
    }

    /** The stream's own hot words, beside the recogniser's. */
    public HotWords hotWords() {
        return hotWords;
    }

    public int sampleRate() {
        return features.inputRate();
    }

    /** Feeds samples at the stream's rate; returns the partials and finals that became due. */
    public List<UtteranceResult> accept(float[] samples) {
        return recognizer.acceptAll(List.of(this), List.of(samples)).get(0);
    }

    /**
     * Turns samples into frames that wait for {@link Recognizer#advanceAll}, so that a caller can gather streams
     * whose audio arrived at different moments into one model call. The frames are part of {@link #serialize()}.
     */
    public void feed(float[] samples) {
        long start = System.nanoTime();
        model.queue(features.accept(samples));
        recognizer.metrics().recognised((double) samples.length / sampleRate(), System.nanoTime() - start);
    }

    /** Frames fed and not yet through the model. */
    public int queuedFrames() {
        return model.queuedFrames();
    }

    /** The best hypothesis of the open utterance so far. */
    public UtteranceResult partial() {
        return decoder.partial();
    }

    /** End of stream: flushes the audio still buffered and returns the last results, ending with the eos final. */
    public List<UtteranceResult> finish() {
        List<UtteranceResult> out = new ArrayList<>(decode(model.accept(recognizer.inference(), features.finish())));
        out.addAll(decoder.finish());
        return out;
    }

    AcousticModel.Request takeRequest() {
        return model.take();
    }

    List<UtteranceResult> complete(AcousticModel.Response response) {
        return decode(model.complete(response));
    }

    private List<UtteranceResult> decode(float[][] logProbs) {
        return logProbs.length == 0 ? List.of() : decoder.accept(logProbs);
    }

    public byte[] serialize() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(8192);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(FORMAT);
            out.writeInt(sampleRate());
            out.writeUTF(storedHotWords);
            features.writeState(out);
            model.writeState(out);
            decoder.writeState(out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writing to memory does not fail
        }
    }

    static RecognizerStream read(Recognizer recognizer, DataInput in) throws IOException {
        int format = in.readByte();
        if (format != 1 && format != FORMAT) throw new IOException("unknown stream state format " + format);
        int rate = in.readInt();
        if (rate < 1000 || rate > 384_000) throw new IOException("corrupt stream state: rate " + rate);
        HotWords hotWords;
        try {
            hotWords = format == 1 ? HotWords.NONE : HotWords.parse(in.readUTF(), ',');
        } catch (IllegalArgumentException e) {
            throw new IOException("corrupt stream state: " + e.getMessage());
        }
        RecognizerStream s = new RecognizerStream(recognizer, rate, hotWords);
        s.features.readState(in);
        s.model.readState(in);
        s.decoder.readState(in);
        return s;
    }
}
