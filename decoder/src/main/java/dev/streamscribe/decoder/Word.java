package dev.streamscribe.decoder;

/** One recognised word; times in milliseconds from the start of the stream, confidence in [0, 1]. */
public record Word(String word, long startMs, long endMs, double confidence) {}
