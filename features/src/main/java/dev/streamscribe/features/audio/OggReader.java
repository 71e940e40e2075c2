package dev.streamscribe.features.audio;

import com.jcraft.jogg.Packet;
import com.jcraft.jogg.Page;
import com.jcraft.jogg.StreamState;
import com.jcraft.jogg.SyncState;
import com.jcraft.jorbis.Block;
import com.jcraft.jorbis.Comment;
import com.jcraft.jorbis.DspState;
import com.jcraft.jorbis.Info;
import io.github.jaredmdobson.concentus.OpusDecoder;
import io.github.jaredmdobson.concentus.OpusException;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Decodes the first logical stream of an Ogg file: Vorbis through JOrbis, Opus (RFC 7845) through Concentus, both
 * pure Java. Opus decodes at 48 kHz, its own rate, and drops the encoder's pre-skip samples as RFC 7845 says.
 */
final class OggReader {
    /** The longest Opus packet: 120 ms at 48 kHz. */
    private static final int MAX_OPUS_FRAME = 5760;

    private final SyncState sync = new SyncState();
    private final StreamState stream = new StreamState();
    private final Page page = new Page();
    private final String name;
    private boolean started;
    private int serial;
    private boolean ended;

    private OggReader(byte[] bytes, String name) {
        this.name = name;
        sync.init();
        int at = sync.buffer(bytes.length);
        System.arraycopy(bytes, 0, sync.data, at, bytes.length);
        sync.wrote(bytes.length);
    }

    static Audio decode(byte[] bytes, String name) {
        OggReader ogg = new OggReader(bytes, name);
        Packet first = ogg.next();
        if (first == null) throw new AudioFormatException(name + ": Ogg without packets");
        if (startsWith(first, "OpusHead")) return ogg.opus(first);
        if (first.bytes > 7 && first.packet_base[first.packet] == 1 && startsWith(first, 1, "vorbis")) return ogg.vorbis(first);
        throw new AudioFormatException(name + ": Ogg of another codec than Vorbis or Opus (convert it, e.g. with sox or ffmpeg)");
    }

    /** The next packet of the stream, or null at its end. */
    private Packet next() {
        Packet packet = new Packet();
        while (true) {
            if (started) {
                int p = stream.packetout(packet);
                if (p == 1) return packet;
                if (p < 0) throw new AudioFormatException(name + ": corrupt Ogg (a packet is missing)");
            }
            if (ended) return null;
            int r = sync.pageout(page);
            if (r == 0) {
                ended = true; // the data ends: whatever the stream holds is its last
                continue;
            }
            if (r < 0) throw new AudioFormatException(name + ": corrupt Ogg (damaged page)");
            if (!started) {
                serial = page.serialno();
                stream.init(serial);
                started = true;
            }
            if (page.serialno() != serial) continue; // another logical stream of a multiplexed file
            stream.pagein(page);
            if (page.eos() != 0) ended = true;
        }
    }

    private Audio vorbis(Packet identification) {
        Info info = new Info();
        Comment comment = new Comment();
        info.init();
        comment.init();
        Packet header = identification;
        for (int i = 0; i < 3; i++) {
            if (header == null) throw new AudioFormatException(name + ": truncated Ogg Vorbis (headers)");
            if (info.synthesis_headerin(comment, header) < 0) throw new AudioFormatException(name + ": corrupt Ogg Vorbis header");
            if (i < 2) header = next();
        }
        DspState dsp = new DspState();
        dsp.synthesis_init(info);
        Block block = new Block(dsp);
        float[][][] pcm = new float[1][][];
        int[] offsets = new int[info.channels];
        MonoSamples out = new MonoSamples();
        for (Packet p = next(); p != null; p = next()) {
            if (block.synthesis(p) == 0) dsp.synthesis_blockin(block);
            for (int n; (n = dsp.synthesis_pcmout(pcm, offsets)) > 0; dsp.synthesis_read(n)) out.addPlanar(pcm[0], offsets, n);
        }
        return out.audio(info.rate, name);
    }

    private Audio opus(Packet head) {
        if (head.bytes < 19) throw new AudioFormatException(name + ": truncated OpusHead");
        byte[] h = Arrays.copyOfRange(head.packet_base, head.packet, head.packet + head.bytes);
        int channels = h[9] & 0xff;
        int preSkip = (h[10] & 0xff) | (h[11] & 0xff) << 8;
        if (channels < 1 || channels > 2 || (h[18] & 0xff) != 0) {
            throw new AudioFormatException(name + ": Opus with " + channels + " channels or a channel mapping (mono and stereo are read)");
        }
        if (next() == null) throw new AudioFormatException(name + ": truncated Ogg Opus (no OpusTags)");
        OpusDecoder decoder;
        try {
            decoder = new OpusDecoder(48_000, channels);
        } catch (OpusException e) {
            throw new AudioFormatException(name + ": " + e.getMessage());
        }
        short[] pcm = new short[MAX_OPUS_FRAME * channels];
        MonoSamples out = new MonoSamples();
        int skip = preSkip;
        for (Packet p = next(); p != null; p = next()) {
            int frames;
            try {
                frames = decoder.decode(p.packet_base, p.packet, p.bytes, pcm, 0, MAX_OPUS_FRAME, false);
            } catch (OpusException | RuntimeException e) {
                throw new AudioFormatException(name + ": corrupt Opus packet after " + out.count() + " samples (" + e.getMessage() + ")");
            }
            int dropped = Math.min(skip, frames);
            skip -= dropped;
            out.addInterleaved(Arrays.copyOfRange(pcm, dropped * channels, frames * channels), frames - dropped, channels);
        }
        return out.audio(48_000, name);
    }

    private static boolean startsWith(Packet p, String magic) {
        return startsWith(p, 0, magic);
    }

    private static boolean startsWith(Packet p, int offset, String magic) {
        byte[] m = magic.getBytes(StandardCharsets.US_ASCII);
        return p.bytes >= offset + m.length
                && Arrays.equals(p.packet_base, p.packet + offset, p.packet + offset + m.length, m, 0, m.length);
    }
}
