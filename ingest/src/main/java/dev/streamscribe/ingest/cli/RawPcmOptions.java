package dev.streamscribe.ingest.cli;

import dev.streamscribe.features.audio.PcmFormat;
import dev.streamscribe.features.audio.PcmSpec;

/** How raw PCM on standard input is laid out (a WAV header, when there is one, says it instead): --format, --rate, --channels. */
final class RawPcmOptions {
    static final String HELP = """
              --format FORMAT      raw standard input's sample encoding, of %s (default s16le)
              --rate HZ            raw standard input's sample rate (default 16000)
              --channels N         raw standard input's interleaved channels, downmixed (default 1)
            """.formatted(PcmFormat.headers()).stripTrailing();

    private RawPcmOptions() {}

    static PcmSpec spec(Options o) {
        try {
            return new PcmSpec(PcmFormat.fromHeader(o.get("format", "s16le")), o.getInt("channels", 1), o.getInt("rate", 16_000));
        } catch (RuntimeException e) {
            throw new UsageException("raw input: " + e.getMessage());
        }
    }
}
