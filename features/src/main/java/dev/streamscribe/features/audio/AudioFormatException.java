package dev.streamscribe.features.audio;

/** Audio that cannot be decoded; the message names the source and the problem. */
public class AudioFormatException extends RuntimeException {
    public AudioFormatException(String message) {
        super(message);
    }
}
