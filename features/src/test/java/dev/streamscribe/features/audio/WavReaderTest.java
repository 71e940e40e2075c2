package dev.streamscribe.features.audio;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WavReaderTest {
    /** A WAV with the given format tag, bit depth, channels and raw data bytes. */
    static byte[] wav(int tag, int bits, int channels, int rate, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(44 + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + data.length).put("WAVE".getBytes()).put("fmt ".getBytes()).putInt(16)
                .putShort((short) tag).putShort((short) channels).putInt(rate).putInt(rate * channels * bits / 8)
                .putShort((short) (channels * bits / 8)).putShort((short) bits).put("data".getBytes()).putInt(data.length)
                .put(data);
        return b.array();
    }

    @Test
    void decodesEveryPcmDepthAndFloatToTheSameSignal() {
        float[] expect = {0f, 0.5f, -0.5f};
        byte[] s16 = {0, 0, 0, 0x40, 0, (byte) 0xC0};
        byte[] s24 = {0, 0, 0, 0, 0, 0x40, 0, 0, (byte) 0xC0};
        byte[] s32 = {0, 0, 0, 0, 0, 0, 0, 0x40, 0, 0, 0, (byte) 0xC0};
        byte[] u8 = {(byte) 128, (byte) 192, 64};
        ByteBuffer f = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putFloat(0f).putFloat(0.5f).putFloat(-0.5f);
        for (byte[] w : new byte[][] {wav(1, 16, 1, 8000, s16), wav(1, 24, 1, 8000, s24), wav(1, 32, 1, 8000, s32),
                wav(1, 8, 1, 8000, u8), wav(3, 32, 1, 8000, f.array())}) {
            Audio a = WavReader.decode(w, "x.wav");
            assertEquals(8000, a.sampleRate());
            for (int i = 0; i < 3; i++) assertEquals(expect[i], a.samples()[i], 1e-6);
        }
    }

    @Test
    void stereoIsDownmixed() {
        byte[] data = {0, 0x40, 0, 0x40, 0, 0x40, 0, (byte) 0xC0};
        Audio a = WavReader.decode(wav(1, 16, 2, 44100, data), "s.wav");
        assertEquals(2, a.samples().length);
        assertEquals(0.5f, a.samples()[0], 1e-6);
        assertEquals(0f, a.samples()[1], 1e-6);
    }

    @Test
    void brokenFilesNameTheFileAndTheProblem(@TempDir Path dir) throws Exception {
        byte[] good = wav(1, 16, 1, 16000, new byte[3200]);
        Path empty = Files.write(dir.resolve("empty.wav"), new byte[0]);
        Path truncated = Files.write(dir.resolve("cut.wav"), Arrays.copyOf(good, 1000));
        Path notWav = Files.write(dir.resolve("text.wav"), "hello, this is not audio".getBytes());
        Path adpcm = Files.write(dir.resolve("adpcm.wav"), wav(2, 4, 1, 16000, new byte[100]));
        assertMessage(empty, "empty.wav: empty file");
        assertMessage(truncated, "cut.wav: truncated data chunk");
        assertMessage(notWav, "text.wav: not a RIFF/WAVE file");
        assertMessage(adpcm, "adpcm.wav: unsupported WAV encoding");
        assertMessage(dir.resolve("missing.wav"), "missing.wav: no such file");
    }

    private static void assertMessage(Path file, String expected) {
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> WavReader.read(file));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void rawChunksWithPartialFramesOrNaNAreRejected() {
        assertThrows(AudioFormatException.class, () -> PcmFormat.S16LE.decode(new byte[3], 0, 3, 1));
        byte[] nan = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(Float.NaN).array();
        assertThrows(AudioFormatException.class, () -> PcmFormat.F32LE.decode(nan, 0, 4, 1));
        assertThrows(AudioFormatException.class, () -> PcmFormat.fromHeader("mp3"));
    }

    @Test
    void aStreamedHeaderStopsAtTheFirstSampleAndTakesAnUnknownLength() throws Exception {
        byte[] samples = {1, 0, 2, 0, 3, 0, 4, 0};
        byte[] file = wav(1, 16, 2, 44100, samples);
        // a pipe writer's unknown length, and a LIST chunk before the data as sox and arecord may write
        ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).putInt(40, -1);
        byte[] list = ByteBuffer.allocate(14).order(ByteOrder.LITTLE_ENDIAN).put("LIST".getBytes()).putInt(5)
                .put("INFOx".getBytes()).put((byte) 0).array();
        byte[] piped = new byte[file.length + list.length];
        System.arraycopy(file, 0, piped, 0, 36);
        System.arraycopy(list, 0, piped, 36, list.length);
        System.arraycopy(file, 36, piped, 36 + list.length, file.length - 36);
        InputStream in = new ByteArrayInputStream(piped);
        assertEquals(new WavReader.Header(new PcmSpec(PcmFormat.S16LE, 2, 44100), -1), WavReader.readHeader(in, "stdin"));
        assertArrayEquals(samples, in.readAllBytes());
        byte[] sized = wav(1, 16, 1, 16000, samples);
        assertEquals(8, WavReader.readHeader(new ByteArrayInputStream(sized), "stdin").dataBytes());
    }

    @Test
    void aStreamThatIsNotWavSaysSo() {
        AudioFormatException e = assertThrows(AudioFormatException.class,
                () -> WavReader.readHeader(new ByteArrayInputStream("RIFF....AVI LIST".getBytes()), "stdin"));
        assertEquals("stdin: not a RIFF/WAVE stream", e.getMessage());
        byte[] noData = Arrays.copyOf(wav(1, 16, 1, 16000, new byte[0]), 36);
        e = assertThrows(AudioFormatException.class, () -> WavReader.readHeader(new ByteArrayInputStream(noData), "stdin"));
        assertEquals("stdin: no data chunk", e.getMessage());
    }
}
