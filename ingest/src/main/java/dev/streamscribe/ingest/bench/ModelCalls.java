package dev.streamscribe.ingest.bench;

import dev.streamscribe.ingest.metrics.PrometheusScrape;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pipeline's TensorFlow session calls, read from its metrics endpoint: how many a round made and how many
 * streams each carried, which is what cross-stream batching achieved.
 */
public final class ModelCalls {
    private static final Pattern METRICS_AT = Pattern.compile("metrics at (\\S+?);");

    /** Running totals of the calls and of the streams they carried. */
    public record Count(double calls, double streams) {
        /** {@code modelCallsPerSecond} and {@code meanModelBatch} over the {@code seconds} since {@code before}. */
        public Map<String, Object> since(Count before, int seconds) {
            double n = calls - before.calls;
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("modelCallsPerSecond", Math.round(n / seconds * 10) / 10.0);
            f.put("meanModelBatch", n == 0 ? 0 : Math.round((streams - before.streams) / n * 100) / 100.0);
            return f;
        }
    }

    private final URI endpoint;

    private ModelCalls(URI endpoint) {
        this.endpoint = endpoint;
    }

    /** From the line {@code ./asr serve} announces itself with, which says where its metrics are. */
    public static ModelCalls of(String serveLine) {
        Matcher m = METRICS_AT.matcher(serveLine == null ? "" : serveLine);
        if (!m.find()) throw new IllegalStateException("the pipeline did not say where its metrics are: " + serveLine);
        return new ModelCalls(URI.create(m.group(1)));
    }

    public Count count() throws IOException, InterruptedException {
        PrometheusScrape s = PrometheusScrape.of(endpoint);
        return new Count(s.get("streamscribe_model_batch_streams_count"), s.get("streamscribe_model_batch_streams_sum"));
    }
}
