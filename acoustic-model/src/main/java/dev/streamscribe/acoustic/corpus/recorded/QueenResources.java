package dev.streamscribe.acoustic.corpus.recorded;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;

/**
 * The resource file of Flight of the Amazon Queen as Debian ships it ({@code queen.1c}, rebuilt by ScummVM's
 * compression tool): a table of named entries, then their bytes. Layout, all big-endian: {@code "QTBL"}, a 6-byte
 * version string ({@code CEM10} is the English CD release, the one with speech), 2 bytes, the speech compression
 * (1 MP3, 2 Ogg Vorbis, 3 FLAC), the entry count (16 bits), then per entry a 12-byte name, a bundle byte, offset and
 * size (32 bits each).
 */
final class QueenResources implements AutoCloseable {
    private record Entry(long offset, int size) {}

    private static final String ENGLISH_TALKIE = "CEM10";
    private static final String[] COMPRESSION_SOX_TYPES = {null, "mp3", "ogg", "flac"};

    private final Path file;
    private final FileChannel channel;
    private final Map<String, Entry> entries = new TreeMap<>();
    private final String soxType;

    QueenResources(Path file) throws IOException {
        this.file = file;
        channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            ByteBuffer header = read(0, 15);
            byte[] magic = new byte[4];
            byte[] version = new byte[6];
            header.get(magic).get(version).position(header.position() + 2);
            int compression = header.get() & 0xff;
            String v = new String(version, StandardCharsets.ISO_8859_1).replace("\0", "");
            if (!new String(magic, StandardCharsets.ISO_8859_1).equals("QTBL")) {
                throw new IOException(file + " is not a rebuilt Flight of the Amazon Queen resource file (no QTBL table)");
            }
            if (!v.equals(ENGLISH_TALKIE)) {
                throw new IOException(file + " is version " + v + "; only the English CD version (" + ENGLISH_TALKIE + ") has English speech");
            }
            if (compression >= COMPRESSION_SOX_TYPES.length || COMPRESSION_SOX_TYPES[compression] == null) {
                throw new IOException(file + " holds speech with compression " + compression + "; expected MP3, Ogg Vorbis or FLAC");
            }
            soxType = COMPRESSION_SOX_TYPES[compression];
            int count = header.getShort() & 0xffff;
            ByteBuffer table = read(15, count * 21);
            for (int i = 0; i < count; i++) {
                byte[] name = new byte[12];
                table.get(name).get();
                long offset = table.getInt() & 0xffffffffL;
                int size = table.getInt();
                entries.put(new String(name, StandardCharsets.ISO_8859_1).replace("\0", ""), new Entry(offset, size));
            }
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e instanceof IOException io ? io : new IOException(file + " has a damaged table: " + e, e);
        }
    }

    Iterable<String> names() {
        return entries.keySet();
    }

    boolean has(String name) {
        return entries.containsKey(name);
    }

    /** How sox names the speech format ({@code mp3}, {@code ogg}, {@code flac}). */
    String speechType() {
        return soxType;
    }

    byte[] bytes(String name) throws IOException {
        Entry e = entries.get(name);
        if (e == null) throw new IOException(file + " has no " + name);
        return read(e.offset(), e.size()).array();
    }

    private ByteBuffer read(long position, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length);
        while (b.hasRemaining()) {
            if (channel.read(b, position + b.position()) < 0) throw new IOException(file + " ends early");
        }
        return b.flip();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
