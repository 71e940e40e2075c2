package dev.streamscribe.decoder.lm;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * A backoff n-gram model (order up to {@value NgramTable#MAX_ORDER}) read from an ARPA file. Probabilities are kept
 * as natural logs in float arrays indexed by the dense n-gram indices of one {@link NgramTable} per order, which
 * keeps a model of a few million n-grams in tens of MB.
 */
public final class ArpaModel implements LanguageModel {
    static final String SENTENCE_START = "<s>";
    static final String SENTENCE_END = "</s>";
    static final String UNKNOWN = "<unk>";
    private static final double LN_10 = Math.log(10);
    /** Log-probability of a word that is not in a model without {@code <unk>}. */
    private static final double UNKNOWN_LOG_PROB = -7 * LN_10;
    /** Far above any model this is meant for; stops a corrupt header from sizing tables absurdly. */
    private static final int MAX_NGRAMS_PER_ORDER = 1 << 26;
    private static final int BINARY_MAGIC = 0x53534C4D; // "SSLM"
    private static final int BINARY_VERSION = 1;

    private final Map<String, Integer> ids;
    /** Per order-1; order 1 has none because a unigram's index is its word id. */
    private final NgramTable[] tables;
    private final float[][] logProb;
    private final float[][] backoff;
    private final int unknown;
    /** The vocabulary without the markers as a trie of letters (see {@link #extendPrefix}). */
    private final PrefixTree prefixes;
    private final int sentenceStart;
    private final int sentenceEnd;

    private ArpaModel(Map<String, Integer> ids, NgramTable[] tables, float[][] logProb, float[][] backoff) {
        this.ids = ids;
        this.tables = tables;
        this.logProb = logProb;
        this.backoff = backoff;
        this.unknown = ids.getOrDefault(UNKNOWN, -1);
        this.sentenceStart = ids.getOrDefault(SENTENCE_START, -1);
        this.sentenceEnd = ids.getOrDefault(SENTENCE_END, -1);
        Map<String, Float> words = new HashMap<>();
        for (Map.Entry<String, Integer> e : ids.entrySet()) {
            if (!isMarker(e.getKey())) words.put(e.getKey(), logProb[0][e.getValue()]);
        }
        this.prefixes = PrefixTree.of(words);
    }

    private static boolean isMarker(String word) {
        return word.equals(UNKNOWN) || word.equals(SENTENCE_START) || word.equals(SENTENCE_END);
    }

    /** Reads an ARPA file, gunzipping it if its name ends in {@code .gz}. */
    public static ArpaModel load(Path file) throws IOException {
        return parse(Files.readAllBytes(file), file.toString());
    }

    /** ARPA text held in memory, gzipped if {@code name} ends in {@code .gz}; {@code name} is used in errors. */
    public static ArpaModel parse(byte[] arpa, String name) throws IOException {
        InputStream in = new ByteArrayInputStream(arpa);
        if (name.endsWith(".gz")) {
            try {
                in = new GZIPInputStream(in, 1 << 16);
            } catch (IOException e) {
                throw new IOException(name + ": " + e.getMessage(), e);
            }
        }
        return read(new InputStreamReader(in, StandardCharsets.UTF_8), name);
    }

    public static ArpaModel read(Reader reader) throws IOException {
        return read(reader, "ARPA input");
    }

    /** Reads ARPA text; {@code name} is used in errors. */
    public static ArpaModel read(Reader reader, String name) throws IOException {
        return new Parser(new BufferedReader(reader, 1 << 16), name).parse();
    }

    /**
     * Writes the model in this class's own binary form, which {@link #readBinary} loads an order of magnitude faster
     * than the ARPA text parses (no number parsing, no line splitting): the words in id order, then per order the
     * n-gram keys, log-probabilities and backoffs.
     */
    public void writeBinary(OutputStream out) throws IOException {
        DataOutputStream d = new DataOutputStream(new BufferedOutputStream(out, 1 << 16));
        d.writeInt(BINARY_MAGIC);
        d.writeInt(BINARY_VERSION);
        d.writeInt(order());
        for (float[] p : logProb) d.writeInt(p.length);
        String[] words = new String[logProb[0].length];
        ids.forEach((w, id) -> words[id] = w);
        for (String w : words) d.writeUTF(w);
        for (int n = 2; n <= order(); n++) {
            for (int i = 0; i < logProb[n - 1].length; i++) d.writeLong(tables[n - 1].key(i));
        }
        for (float[] p : logProb) for (float v : p) d.writeFloat(v);
        for (float[] b : backoff) for (float v : b) d.writeFloat(v);
        d.flush();
    }

    /** A model written by {@link #writeBinary}; an IOException for anything else or a damaged copy. */
    public static ArpaModel readBinary(InputStream in) throws IOException {
        DataInputStream d = new DataInputStream(new BufferedInputStream(in, 1 << 16));
        if (d.readInt() != BINARY_MAGIC || d.readInt() != BINARY_VERSION) throw new IOException("not a binary language model of this version");
        int order = d.readInt();
        if (order < 1 || order > NgramTable.MAX_ORDER) throw new IOException("binary language model of order " + order);
        int[] counts = new int[order];
        for (int n = 0; n < order; n++) {
            counts[n] = d.readInt();
            if (counts[n] < 0 || counts[n] > MAX_NGRAMS_PER_ORDER || n == 0 && counts[n] > NgramTable.MAX_ID + 1) {
                throw new IOException("binary language model with " + counts[n] + " " + (n + 1) + "-grams");
            }
        }
        Map<String, Integer> ids = new HashMap<>(counts[0] * 2);
        for (int id = 0; id < counts[0]; id++) ids.put(d.readUTF(), id);
        NgramTable[] tables = new NgramTable[order];
        for (int n = 2; n <= order; n++) {
            tables[n - 1] = new NgramTable(counts[n - 1]);
            for (int i = 0; i < counts[n - 1]; i++) {
                if (tables[n - 1].add(d.readLong()) != i) throw new IOException("binary language model with a duplicate " + n + "-gram");
            }
        }
        float[][] logProb = new float[order][];
        float[][] backoff = new float[order][];
        for (int n = 0; n < order; n++) logProb[n] = floats(d, counts[n]);
        for (int n = 0; n < order; n++) backoff[n] = floats(d, counts[n]);
        if (d.read() != -1) throw new IOException("binary language model with trailing bytes");
        return new ArpaModel(ids, tables, logProb, backoff);
    }

    private static float[] floats(DataInputStream d, int count) throws IOException {
        float[] v = new float[count];
        for (int i = 0; i < count; i++) v[i] = d.readFloat();
        return v;
    }

    @Override
    public int order() {
        return logProb.length;
    }

    @Override
    public double logProb(List<String> history, String word) {
        return score(history, ids.getOrDefault(word, unknown));
    }

    @Override
    public double endLogProb(List<String> history) {
        return score(history, sentenceEnd);
    }

    @Override
    public boolean contains(String word) {
        return ids.containsKey(word) && !isMarker(word);
    }

    @Override
    public int extendPrefix(int prefix, char letter) {
        return prefixes.child(prefix, letter);
    }

    @Override
    public double prefixLogProb(int prefix) {
        return prefixes.best(prefix);
    }

    /** Backoff evaluation: the longest context that has the n-gram, plus the backoffs of the longer ones. */
    private double score(List<String> history, int word) {
        int contextLength = Math.min(order() - 1, history.size() + 1);
        int[] context = new int[contextLength]; // oldest first; the sentence start precedes the history
        for (int i = 0; i < contextLength; i++) {
            int position = history.size() - contextLength + i;
            context[i] = position < 0 ? sentenceStart : ids.getOrDefault(history.get(position), unknown);
        }
        double backoffSum = 0;
        for (int from = 0; from < contextLength; from++) {
            long contextKey = key(context, from);
            if (contextKey < 0) continue; // holds a word the model does not know
            int n = contextLength - from + 1;
            if (word >= 0) {
                int ngram = find(n, NgramTable.pack(contextKey, word));
                if (ngram >= 0) return backoffSum + logProb[n - 1][ngram];
            }
            int contextIndex = find(n - 1, contextKey);
            if (contextIndex >= 0) backoffSum += backoff[n - 2][contextIndex];
        }
        return backoffSum + (word >= 0 ? logProb[0][word] : UNKNOWN_LOG_PROB);
    }

    private static long key(int[] words, int from) {
        long key = 0;
        for (int i = from; i < words.length; i++) {
            if (words[i] < 0) return -1;
            key = NgramTable.pack(key, words[i]);
        }
        return key;
    }

    private int find(int n, long key) {
        return n == 1 ? (int) key : tables[n - 1].find(key);
    }

    /** One pass over the ARPA text; errors name the input and line. */
    private static final class Parser {
        private final BufferedReader reader;
        private final String name;
        private int lineNumber;
        private final Map<String, Integer> ids = new HashMap<>();

        Parser(BufferedReader reader, String name) {
            this.reader = reader;
            this.name = name;
        }

        ArpaModel parse() throws IOException {
            String line;
            do {
                line = next();
                if (line == null) throw error("no \\data\\ section");
            } while (!line.equals("\\data\\"));

            List<Integer> counts = new ArrayList<>();
            while ((line = nextNonEmpty()) != null && line.startsWith("ngram ")) {
                int eq = line.indexOf('=');
                int n = eq < 0 ? -1 : parseInt(line.substring(6, eq).trim());
                int count = eq < 0 ? -1 : parseInt(line.substring(eq + 1).trim());
                if (n != counts.size() + 1 || count < 0 || count > MAX_NGRAMS_PER_ORDER) {
                    throw error("bad n-gram count line '" + line + "'");
                }
                counts.add(count);
            }
            int order = counts.size();
            if (order == 0) throw error("no n-gram counts");
            if (order > NgramTable.MAX_ORDER) throw error("order " + order + " not supported (at most " + NgramTable.MAX_ORDER + ")");
            if (counts.get(0) > NgramTable.MAX_ID + 1) throw error("more than " + (NgramTable.MAX_ID + 1) + " words");

            NgramTable[] tables = new NgramTable[order];
            float[][] logProb = new float[order][];
            float[][] backoff = new float[order][];
            for (int n = 1; n <= order; n++) {
                if (!(("\\" + n + "-grams:").equals(line))) throw error("expected \\" + n + "-grams:");
                int count = counts.get(n - 1);
                if (n > 1) tables[n - 1] = new NgramTable(count);
                logProb[n - 1] = new float[count];
                backoff[n - 1] = new float[count];
                int read = 0;
                while ((line = nextNonEmpty()) != null && !line.startsWith("\\")) {
                    if (read == count) throw error("more " + n + "-grams than the " + count + " declared");
                    entry(line, n, read++, tables[n - 1], logProb[n - 1], backoff[n - 1]);
                }
                if (read < count) throw error("only " + read + " of the " + count + " declared " + n + "-grams");
            }
            if (!"\\end\\".equals(line)) throw error("expected \\end\\");
            return new ArpaModel(ids, tables, logProb, backoff);
        }

        /** A line {@code log10prob w1 .. wn [log10backoff]}, stored as natural logs. */
        private void entry(String line, int n, int index, NgramTable table, float[] logProb, float[] backoff)
                throws IOException {
            String[] fields = fields(line);
            if (fields.length != n + 1 && fields.length != n + 2) throw error("expected " + n + " words in '" + line + "'");
            logProb[index] = (float) (parseFloat(fields[0]) * LN_10);
            backoff[index] = fields.length == n + 2 ? (float) (parseFloat(fields[n + 1]) * LN_10) : 0;
            if (n == 1) {
                if (ids.putIfAbsent(fields[1], index) != null) throw error("duplicate word '" + fields[1] + "'");
                return;
            }
            long key = 0;
            for (int i = 1; i <= n; i++) {
                Integer id = ids.get(fields[i]);
                if (id == null) throw error("word '" + fields[i] + "' is not among the 1-grams");
                key = NgramTable.pack(key, id);
            }
            if (table.add(key) != index) throw error("duplicate " + n + "-gram");
        }

        private static String[] fields(String line) {
            List<String> fields = new ArrayList<>(5);
            int start = -1;
            for (int i = 0; i <= line.length(); i++) {
                boolean space = i == line.length() || Character.isWhitespace(line.charAt(i));
                if (space && start >= 0) {
                    fields.add(line.substring(start, i));
                    start = -1;
                } else if (!space && start < 0) {
                    start = i;
                }
            }
            return fields.toArray(new String[0]);
        }

        private String next() throws IOException {
            lineNumber++;
            String line;
            try {
                line = reader.readLine();
            } catch (IOException e) {
                throw new IOException(name + ":" + lineNumber + ": " + e.getMessage(), e);
            }
            return line == null ? null : line.strip();
        }

        private String nextNonEmpty() throws IOException {
            String line;
            do {
                line = next();
            } while (line != null && line.isEmpty());
            return line;
        }

        private int parseInt(String s) throws IOException {
            try {
                return Integer.parseInt(s);
            } catch (NumberFormatException e) {
                throw error("bad number '" + s + "'");
            }
        }

        private float parseFloat(String s) throws IOException {
            try {
                return Float.parseFloat(s);
            } catch (NumberFormatException e) {
                throw error("bad number '" + s + "'");
            }
        }

        private IOException error(String message) {
            return new IOException(name + ":" + lineNumber + ": " + message);
        }
    }
}
