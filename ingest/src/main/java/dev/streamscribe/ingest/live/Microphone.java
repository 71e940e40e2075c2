package dev.streamscribe.ingest.live;

import dev.streamscribe.features.audio.PcmFormat;
import dev.streamscribe.features.audio.PcmSpec;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.TargetDataLine;

/** The default Java Sound capture line, 16 kHz s16le mono (the model's rate: nothing to resample), as a {@link PcmInput}. */
public final class Microphone {
    public static final PcmSpec SPEC = new PcmSpec(PcmFormat.S16LE, 1, 16_000);

    /** No capture line: no sound card, no permission, or the device is busy. The message says what to do instead. */
    public static final class Unavailable extends RuntimeException {
        Unavailable(String reason) {
            super("no audio capture device: " + reason + ". Pipe audio in instead, e.g. "
                    + "arecord -f S16_LE -r 16000 -c 1 | ./asr publish - --stream-id mic");
        }
    }

    private Microphone() {}

    /** Opens and starts the line; closing the input stops it, which ends the stream (the read sees the end). */
    public static PcmInput open() {
        AudioFormat format = new AudioFormat(SPEC.sampleRate(), 16, 1, true, false);
        DataLine.Info info = new DataLine.Info(TargetDataLine.class, format);
        try {
            if (!AudioSystem.isLineSupported(info)) {
                throw new Unavailable("Java Sound has no input line for 16 kHz 16-bit mono on this machine");
            }
            TargetDataLine line = (TargetDataLine) AudioSystem.getLine(info);
            line.open(format);
            line.start();
            return new PcmInput("microphone", new AudioInputStream(line), SPEC, -1);
        } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
            throw new Unavailable("the input line cannot be opened (" + e.getMessage() + ")");
        }
    }
}
