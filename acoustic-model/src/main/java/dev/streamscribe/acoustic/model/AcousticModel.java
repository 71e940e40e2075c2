package dev.streamscribe.acoustic.model;

import dev.streamscribe.features.io.Directories;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.SessionFunction;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A loaded {@code stream_step} SavedModel with its meta.json. {@link #step} runs several streams' chunks in shared
 * session calls; the streams' state goes in and comes out with them, so the model itself holds none and can be
 * shared by every stream of a process.
 */
public final class AcousticModel implements Inference, AutoCloseable {
    /** The models shipped in this jar, by name (each under /models/NAME/ on the classpath); the first is the default. */
    public static final List<String> BUNDLED = List.of("en-conv-lstm-v33", "en-conv-lstm-v6", "en-conv-lstm-v1");
    private static final List<String> BUNDLED_FILES = List.of("meta.json", "saved_model.pb",
            "variables/variables.index", "variables/variables.data-00000-of-00001");

    /** One stream's chunk: frames [T][melBands] with T a multiple of the stride, and the state before it. */
    public record Request(float[][] frames, ModelState state) {}

    /** Log-probabilities [T/stride][classes] and the state after the chunk. */
    public record Response(float[][] logProbs, ModelState state) {}

    private final SavedModelBundle bundle;
    private final SessionFunction stepFunction;
    private final ModelMeta meta;

    private AcousticModel(SavedModelBundle bundle, ModelMeta meta) {
        this.bundle = bundle;
        this.stepFunction = bundle.function(ModelExporter.SIGNATURE);
        this.meta = meta;
    }

    /**
     * Loads a model directory (SavedModel + meta.json); {@code threads} bounds TensorFlow's intra-op pool. The ops
     * of a call run in the calling thread (a negative inter-op count): with chunks of a few frames a call is a
     * chain of small ops, and handing each to a pool thread costs more than it runs, worst on a busy machine where
     * every hand-off waits for the scheduler.
     */
    public static AcousticModel load(Path dir, int threads) throws IOException {
        if (!Files.exists(dir.resolve("saved_model.pb"))) throw new IOException(dir + ": no saved_model.pb (not a model directory)");
        ModelMeta meta = ModelMeta.read(dir.resolve("meta.json"));
        ConfigProto config = ConfigProto.newBuilder().setIntraOpParallelismThreads(threads)
                .setInterOpParallelismThreads(-1).build();
        SavedModelBundle b = SavedModelBundle.loader(dir.toString()).withTags("serve").withConfigProto(config).load();
        return new AcousticModel(b, meta);
    }

    /** A model shipped in this jar ({@link #BUNDLED}), unpacked from the classpath into a temporary directory. */
    public static AcousticModel loadBundled(String name, int threads) throws IOException {
        if (!BUNDLED.contains(name)) throw new IOException("no model named " + name + " is bundled; bundled: " + String.join(", ", BUNDLED));
        String resource = "/models/" + name + "/";
        Path dir = Files.createTempDirectory("streamscribe-model");
        for (String f : BUNDLED_FILES) {
            try (InputStream in = AcousticModel.class.getResourceAsStream(resource + f)) {
                if (in == null) {
                    if (f.startsWith("variables/")) continue; // a frozen graph may have no variables
                    throw new IOException("the bundled model is missing from the classpath: " + resource + f);
                }
                Path target = dir.resolve(f);
                Files.createDirectories(target.getParent());
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        try {
            return load(dir, threads);
        } finally {
            Directories.delete(dir);
        }
    }

    /** The default bundled model. */
    public static AcousticModel loadDefault(int threads) throws IOException {
        return loadBundled(BUNDLED.get(0), threads);
    }

    public ModelMeta meta() {
        return meta;
    }

    public ModelConfig config() {
        return meta.model();
    }

    /**
     * Runs each request; results are in request order. Requests of unequal length share calls too: all of them run
     * their first frames up to the end of the shortest, then the longer ones go on from there with their new state,
     * and so on. A batch thus costs as many LSTM steps as its longest request rather than one call per length, which
     * matters because chunks of a few frames make every stream's request one of a few lengths. Running a chunk in
     * parts with its state carried gives the log-probs of running it whole (ARCHITECTURE.md §5).
     */
    @Override
    public List<Response> step(List<Request> requests) {
        int n = requests.size();
        int stride = config().stride();
        Integer[] byLength = new Integer[n];
        float[][][] logProbs = new float[n][][];
        ModelState[] states = new ModelState[n];
        for (int i = 0; i < n; i++) {
            byLength[i] = i;
            logProbs[i] = new float[requests.get(i).frames().length / stride][];
            states[i] = requests.get(i).state();
        }
        Arrays.sort(byLength, Comparator.comparingInt(i -> requests.get(i).frames().length));
        int from = 0;
        for (int first = 0; first < n; ) {
            int to = requests.get(byLength[first]).frames().length;
            if (to > from) {
                List<Request> segment = new ArrayList<>(n - first);
                for (int k = first; k < n; k++) {
                    int i = byLength[k];
                    segment.add(new Request(Arrays.copyOfRange(requests.get(i).frames(), from, to), states[i]));
                }
                List<Response> done = runBatch(segment, to - from);
                for (int k = first; k < n; k++) {
                    Response r = done.get(k - first);
                    states[byLength[k]] = r.state();
                    System.arraycopy(r.logProbs(), 0, logProbs[byLength[k]], from / stride, r.logProbs().length);
                }
                from = to;
            }
            while (first < n && requests.get(byLength[first]).frames().length == from) first++;
        }
        List<Response> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(new Response(logProbs[i], states[i]));
        return out;
    }

    private List<Response> runBatch(List<Request> batch, int frames) {
        ModelConfig c = config();
        int b = batch.size();
        int bands = c.melBands();
        int layers = c.lstmLayers();
        int units = c.lstmUnits();
        if (frames % c.stride() != 0) throw new IllegalArgumentException("chunk of " + frames + " frames is not a multiple of the stride");
        float[] feats = new float[b * frames * bands];
        float[] conv = new float[b * c.stride() * bands];
        float[] h = new float[layers * b * units];
        float[] cs = new float[layers * b * units];
        for (int i = 0; i < b; i++) {
            Request r = batch.get(i);
            for (int t = 0; t < frames; t++) System.arraycopy(r.frames()[t], 0, feats, (i * frames + t) * bands, bands);
            System.arraycopy(r.state().conv(), 0, conv, i * conv.length / b, conv.length / b);
            for (int l = 0; l < layers; l++) {
                System.arraycopy(r.state().h(), l * units, h, (l * b + i) * units, units);
                System.arraycopy(r.state().c(), l * units, cs, (l * b + i) * units, units);
            }
        }
        Map<String, Tensor> in = new HashMap<>();
        try (TFloat32 tf = TFloat32.tensorOf(Shape.of(b, frames, bands), DataBuffers.of(feats, true, false));
             TFloat32 tc = TFloat32.tensorOf(Shape.of(b, c.stride(), bands), DataBuffers.of(conv, true, false));
             TFloat32 th = TFloat32.tensorOf(Shape.of(layers, b, units), DataBuffers.of(h, true, false));
             TFloat32 tcs = TFloat32.tensorOf(Shape.of(layers, b, units), DataBuffers.of(cs, true, false))) {
            in.put("features", tf);
            in.put("conv_state", tc);
            in.put("lstm_h", th);
            in.put("lstm_c", tcs);
            try (Result res = stepFunction.call(in)) {
                float[] lp = read((TFloat32) res.get("log_probs").orElseThrow());
                float[] nconv = read((TFloat32) res.get("conv_state").orElseThrow());
                float[] nh = read((TFloat32) res.get("lstm_h").orElseThrow());
                float[] nc = read((TFloat32) res.get("lstm_c").orElseThrow());
                int steps = frames / c.stride();
                int classes = c.classes();
                List<Response> out = new ArrayList<>(b);
                for (int i = 0; i < b; i++) {
                    float[][] logProbs = new float[steps][classes];
                    for (int t = 0; t < steps; t++) System.arraycopy(lp, (i * steps + t) * classes, logProbs[t], 0, classes);
                    ModelState s = ModelState.initial(c);
                    System.arraycopy(nconv, i * s.conv().length, s.conv(), 0, s.conv().length);
                    for (int l = 0; l < layers; l++) {
                        System.arraycopy(nh, (l * b + i) * units, s.h(), l * units, units);
                        System.arraycopy(nc, (l * b + i) * units, s.c(), l * units, units);
                    }
                    out.add(new Response(logProbs, s));
                }
                return out;
            }
        }
    }

    private static float[] read(TFloat32 t) {
        float[] a = new float[(int) t.shape().size()];
        t.copyTo(DataBuffers.of(a, false, false));
        return a;
    }

    @Override
    public void close() {
        bundle.close();
    }

}
