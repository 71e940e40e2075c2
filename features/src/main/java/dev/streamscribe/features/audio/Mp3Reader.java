package dev.streamscribe.features.audio;

import javazoom.jl.decoder.Bitstream;
import javazoom.jl.decoder.Decoder;
import javazoom.jl.decoder.Header;
import javazoom.jl.decoder.JavaLayerException;
import javazoom.jl.decoder.SampleBuffer;

import java.io.ByteArrayInputStream;

/** Decodes MPEG-1/2 Layer III (MP3) files, an ID3 tag before the audio included, through JLayer, a pure-Java decoder. */
final class Mp3Reader {
    private Mp3Reader() {}

    static Audio decode(byte[] bytes, String name) {
        Bitstream stream = new Bitstream(new ByteArrayInputStream(bytes));
        Decoder decoder = new Decoder();
        MonoSamples out = new MonoSamples();
        int rate = 0;
        try {
            for (Header frame = stream.readFrame(); frame != null; frame = stream.readFrame()) {
                SampleBuffer pcm = (SampleBuffer) decoder.decodeFrame(frame, stream);
                if (rate != 0 && decoder.getOutputFrequency() != rate) {
                    throw new AudioFormatException(name + ": MP3 whose sample rate changes from " + rate + " to "
                            + decoder.getOutputFrequency() + " Hz");
                }
                rate = decoder.getOutputFrequency();
                int channels = decoder.getOutputChannels();
                out.addInterleaved(pcm.getBuffer(), pcm.getBufferLength() / channels, channels);
                stream.closeFrame();
            }
        } catch (JavaLayerException | RuntimeException e) {
            if (e instanceof AudioFormatException a) throw a;
            throw new AudioFormatException(name + ": corrupt MP3 after " + out.count() + " samples (" + e.getMessage() + ")");
        }
        if (out.count() == 0) throw new AudioFormatException(name + ": no MP3 frames");
        return out.audio(rate, name);
    }
}
