package dev.streamscribe.features.io;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Float arrays in the format of {@link DataOutput#writeFloat} (big-endian IEEE 754), moved in one call instead of
 * one call per value: the per-value calls were most of the cost of writing and reading a stream's state, which the
 * pipeline does at every record. The bytes are the same either way, so stored states stay readable.
 */
public final class FloatArrays {
    private FloatArrays() {}

    public static void write(DataOutput out, float[] values) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(values.length * Float.BYTES);
        b.asFloatBuffer().put(values);
        out.write(b.array());
    }

    /** Fills {@code values} from the input. */
    public static void read(DataInput in, float[] values) throws IOException {
        byte[] bytes = new byte[values.length * Float.BYTES];
        in.readFully(bytes);
        ByteBuffer.wrap(bytes).asFloatBuffer().get(values);
    }
}
