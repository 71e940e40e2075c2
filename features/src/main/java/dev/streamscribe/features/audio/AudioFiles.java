package dev.streamscribe.features.audio;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads the audio files this project decodes, WAV, FLAC, MP3, Ogg Vorbis and Ogg Opus, told apart by their first
 * bytes rather than their names (archives are full of misnamed files). Anything else fails with the file's name and,
 * where the bytes say, its actual format, so that a batch job's error log says what to convert.
 */
public final class AudioFiles {
    private AudioFiles() {}

    public static Audio read(Path file) {
        return decode(bytes(file), file.toString());
    }

    /** The whole file, or an error that names it. */
    static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new AudioFormatException(file + ": no such file");
        } catch (IOException e) {
            throw new AudioFormatException(file + ": cannot read: " + e.getMessage());
        }
    }

    /** Decodes a whole file held in memory; {@code name} is used in error messages. */
    public static Audio decode(byte[] bytes, String name) {
        if (bytes.length == 0) throw new AudioFormatException(name + ": empty file");
        if (WavReader.looksLikeWav(bytes)) return WavReader.decode(bytes, name);
        if (startsWith(bytes, 0, "fLaC")) return FlacReader.decode(bytes, name);
        if (startsWith(bytes, 0, "OggS")) return OggReader.decode(bytes, name);
        if (startsWith(bytes, 0, "ID3") || isMpegAudio(bytes)) return Mp3Reader.decode(bytes, name);
        String other = otherFormat(bytes);
        throw new AudioFormatException(name + ": unsupported format: " + other
                + " (WAV, FLAC, MP3, Ogg Vorbis and Ogg Opus are read; convert it, e.g. with sox or ffmpeg)");
    }

    /** An MPEG audio frame header: 11 sync bits, then layer III (01) of MPEG-1, 2 or 2.5; AAC's ADTS has layer 00. */
    private static boolean isMpegAudio(byte[] b) {
        return b.length > 1 && (b[0] & 0xff) == 0xff && (b[1] & 0xe0) == 0xe0 && (b[1] & 0x06) == 0x02 && (b[1] & 0x18) != 0x08;
    }

    /** A name for bytes that are none of the formats read, from the signatures common in audio archives. */
    static String otherFormat(byte[] b) {
        if (b.length > 1 && (b[0] & 0xff) == 0xff && (b[1] & 0xf6) == 0xf0) return "AAC (ADTS)";
        if (startsWith(b, 0, "FORM")) return "AIFF";
        if (startsWith(b, 4, "ftyp")) return "MP4/M4A";
        if (startsWith(b, 0, "RIFF")) return "RIFF but not WAVE";
        if (b.length >= 4 && (b[0] & 0xff) == 0x1a && (b[1] & 0xff) == 0x45 && (b[2] & 0xff) == 0xdf && (b[3] & 0xff) == 0xa3) return "WebM/Matroska";
        if (isText(b)) return "text, not audio";
        return "unknown (first bytes " + hex(b) + ")";
    }

    private static boolean startsWith(byte[] b, int offset, String magic) {
        byte[] m = magic.getBytes(StandardCharsets.US_ASCII);
        return b.length >= offset + m.length && Arrays.equals(b, offset, offset + m.length, m, 0, m.length);
    }

    private static boolean isText(byte[] b) {
        for (int i = 0; i < Math.min(b.length, 64); i++) {
            int c = b[i] & 0xff;
            if (c < 0x09 || (c > 0x0d && c < 0x20) || c == 0x7f) return false;
        }
        return true;
    }

    private static String hex(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(b.length, 4); i++) s.append(i == 0 ? "" : " ").append(String.format("%02x", b[i] & 0xff));
        return s.toString();
    }
}
