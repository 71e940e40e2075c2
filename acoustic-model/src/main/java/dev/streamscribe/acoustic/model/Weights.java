package dev.streamscribe.acoustic.model;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** The network's parameters by name, in a fixed order; the training state and the export both start here. */
public final class Weights {
    /** One parameter tensor, row-major. */
    public record Parameter(String name, long[] shape, float[] values) {
        public Parameter {
            long n = 1;
            for (long d : shape) n *= d;
            if (n != values.length) throw new IllegalArgumentException(name + ": shape does not match values");
        }

        public Parameter withValues(float[] v) {
            return new Parameter(name, shape, v);
        }
    }

    private final Map<String, Parameter> byName = new LinkedHashMap<>();

    public Weights(List<Parameter> parameters) {
        for (Parameter p : parameters) byName.put(p.name(), p);
    }

    public List<Parameter> parameters() {
        return Collections.unmodifiableList(new ArrayList<>(byName.values()));
    }

    public Parameter get(String name) {
        Parameter p = byName.get(name);
        if (p == null) throw new IllegalArgumentException("no parameter " + name);
        return p;
    }

    public long count() {
        return byName.values().stream().mapToLong(p -> p.values().length).sum();
    }

    /** Names and shapes of every parameter of a network of this configuration, in graph order. */
    public static Map<String, long[]> shapes(ModelConfig c) {
        Map<String, long[]> s = new LinkedHashMap<>();
        s.put("conv/w", new long[] {c.convInputs(), c.convChannels()});
        s.put("conv/b", new long[] {c.convChannels()});
        int in = c.convChannels();
        for (int l = 0; l < c.lstmLayers(); l++) {
            s.put("lstm" + l + "/w", new long[] {in + c.lstmUnits(), 4L * c.lstmUnits()});
            s.put("lstm" + l + "/b", new long[] {4L * c.lstmUnits()});
            in = c.lstmUnits();
        }
        s.put("out/w", new long[] {c.lstmUnits(), c.classes()});
        s.put("out/b", new long[] {c.classes()});
        return s;
    }

    /** True if these are the parameters of a network of this configuration, names and shapes alike. */
    public boolean fit(ModelConfig c) {
        Map<String, long[]> expected = shapes(c);
        if (!expected.keySet().equals(byName.keySet())) return false;
        return expected.entrySet().stream().allMatch(e -> Arrays.equals(e.getValue(), byName.get(e.getKey()).shape()));
    }

    /** Glorot-uniform matrices and zero biases. */
    public static Weights initial(ModelConfig c, long seed) {
        Random r = new Random(seed);
        List<Parameter> ps = new ArrayList<>();
        for (Map.Entry<String, long[]> e : shapes(c).entrySet()) {
            long[] shape = e.getValue();
            int n = (int) (shape.length == 1 ? shape[0] : shape[0] * shape[1]);
            float[] v = new float[n];
            if (shape.length == 2) {
                double limit = Math.sqrt(6.0 / (shape[0] + shape[1]));
                for (int i = 0; i < n; i++) v[i] = (float) ((r.nextDouble() * 2 - 1) * limit);
            }
            ps.add(new Parameter(e.getKey(), shape, v));
        }
        return new Weights(ps);
    }

    public void write(OutputStream os) throws IOException {
        DataOutputStream out = new DataOutputStream(os);
        out.writeInt(byName.size());
        for (Parameter p : byName.values()) {
            out.writeUTF(p.name());
            out.writeInt(p.shape().length);
            for (long d : p.shape()) out.writeLong(d);
            for (float f : p.values()) out.writeFloat(f);
        }
        out.flush();
    }

    public static Weights read(InputStream is) throws IOException {
        DataInputStream in = new DataInputStream(is);
        int n = in.readInt();
        List<Parameter> ps = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String name = in.readUTF();
            long[] shape = new long[in.readInt()];
            long count = 1;
            for (int d = 0; d < shape.length; d++) count *= shape[d] = in.readLong();
            float[] v = new float[(int) count];
            for (int k = 0; k < v.length; k++) v[k] = in.readFloat();
            ps.add(new Parameter(name, shape, v));
        }
        return new Weights(ps);
    }
}
