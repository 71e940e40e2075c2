package dev.streamscribe.ingest.cli;

import dev.streamscribe.ingest.live.Microphone;
import org.junit.jupiter.api.Test;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.TargetDataLine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

class PublishCommandTest {
    @Test
    void micWithoutACaptureDeviceFailsWithOneLineSayingWhatToDoInstead() {
        AudioFormat format = new AudioFormat(Microphone.SPEC.sampleRate(), 16, 1, true, false);
        assumeFalse(AudioSystem.isLineSupported(new DataLine.Info(TargetDataLine.class, format)), "this machine has a microphone");
        CliRun r = CliRun.of("publish", "--mic", "--bootstrap-servers", "127.0.0.1:1");
        assertEquals(2, r.exitCode());
        assertEquals("asr publish: no audio capture device: Java Sound has no input line for 16 kHz 16-bit mono on this machine."
                + " Pipe audio in instead, e.g. arecord -f S16_LE -r 16000 -c 1 | ./asr publish - --stream-id mic\n", r.stderr());
    }

    @Test
    void badLiveInputOptionsAreOneLineUsageErrors() {
        CliRun format = CliRun.of("publish", "-", "--format", "mp3");
        assertEquals(2, format.exitCode());
        assertTrue(format.stderr().startsWith("asr publish: raw input: unknown format 'mp3'"), format.stderr());
        assertEquals(2, CliRun.of("publish", "-", "--rate", "500").exitCode());
        CliRun mixed = CliRun.of("publish", "-", "a.wav");
        assertEquals("asr publish: '-' (standard input) cannot be mixed with files\n", mixed.stderr());
        assertEquals(2, CliRun.of("publish").exitCode());
    }
}
