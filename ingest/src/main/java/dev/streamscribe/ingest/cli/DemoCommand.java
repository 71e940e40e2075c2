package dev.streamscribe.ingest.cli;

import dev.streamscribe.acoustic.training.ErrorRate;
import dev.streamscribe.features.audio.Audio;
import dev.streamscribe.features.audio.AudioFiles;
import dev.streamscribe.features.io.Directories;
import dev.streamscribe.ingest.dashboard.Dashboard;
import dev.streamscribe.ingest.dashboard.DashboardLimits;
import dev.streamscribe.ingest.gateway.Gateway;
import dev.streamscribe.ingest.gateway.GatewaySettings;
import dev.streamscribe.ingest.kafka.AudioPublisher;
import dev.streamscribe.ingest.kafka.EmbeddedKafka;
import dev.streamscribe.ingest.kafka.KafkaSettings;
import dev.streamscribe.ingest.kafka.StreamsPipeline;
import dev.streamscribe.ingest.kafka.TranscriptTail;
import dev.streamscribe.ingest.metrics.PrometheusMetrics;
import dev.streamscribe.ingest.topology.PipelineConfig;
import dev.streamscribe.ingest.topology.Transcript;
import dev.streamscribe.ingest.web.HttpSettings;
import dev.streamscribe.ingest.web.WebServer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./asr demo}: the whole pipeline in one process: an embedded KRaft broker, the Streams application and a
 * producer playing a recording in real time; partials and finals are printed as they come off the transcripts topic.
 */
final class DemoCommand implements Command {
    static final String SAMPLE = "/samples/demo.wav";
    /**
     * What the bundled sample says, a sentence a line: flite's slt voice reading the first three Harvard sentences,
     * the third rendered from "It is easy ..." rather than stringr's "It's easy ...", so "it is" is what it says.
     */
    static final String SAMPLE_TEXT = "/samples/demo.txt";

    @Override
    public String name() {
        return "demo";
    }

    @Override
    public String summary() {
        return "embedded broker + pipeline + a live-paced producer; prints partials and finals";
    }

    @Override
    public String usage() {
        return "usage: ./asr demo [options] [FILE]\n"
                + "  FILE                 audio file to play (WAV, FLAC, MP3, Ogg; default: the bundled sample)\n"
                + "  --fast               publish as fast as possible instead of in real time\n"
                + "  --dashboard          also serve the live dashboard and /metrics, and keep running after the file until\n"
                + "                       Ctrl-C, so that more streams can be published to the embedded broker; with it\n"
                + "                       the live gateway too, and the page's Speak button streams the microphone to it\n"
                + HttpOptions.help(DashboardCommand.DEFAULT_PORT) + "\n" + DashboardCommand.LIMITS_HELP + "\n"
                + GatewayOptions.HELP + "\n"
                + KafkaOptions.PIPELINE_HELP + "\n" + RecognizerOptions.HELP;
    }

    @Override
    public int run(Options o) throws Exception {
        // The demo keeps its broker and state in a temporary folder on purpose (removed at the end); Kafka warns about
        // both, which only matters for a real deployment. Set before Kafka's first logger reads the configuration.
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka.streams.processor.internals.StateDirectory", "error");
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka.controller.QuorumController", "error");
        boolean bundled = o.positional().isEmpty();
        Audio audio = bundled ? sample() : AudioFiles.read(Path.of(o.positional().get(0)));
        List<String> reference = bundled ? sampleText() : null;
        boolean dashboard = o.flag("dashboard");
        HttpSettings http = HttpOptions.from(o, DashboardCommand.DEFAULT_PORT);
        DashboardLimits limits = DashboardCommand.limits(o);
        Path work = Files.createTempDirectory("streamscribe-demo");
        StopSignal signal = dashboard ? new StopSignal() : null; // released once the work folder is deleted
        PipelineConfig config = KafkaOptions.pipeline(o);
        System.out.println("demo: starting an embedded Kafka broker (KRaft) ...");
        try (EmbeddedKafka broker = EmbeddedKafka.start(work.resolve("kafka"));
             WebServer web = dashboard ? WebServer.start(http, limits.httpThreads()) : null) {
            KafkaSettings kafka = KafkaSettings.of(broker.bootstrapServers());
            kafka.createTopics(config, 1, (short) 1);
            try (MonitoredPipeline app = MonitoredPipeline.start(o, kafka, config,
                         StreamsPipeline.Settings.defaults(work.resolve("state")).withApplicationId("streamscribe-demo"));
                 Gateway gateway = dashboard ? Gateway.start(kafka, config, gatewayFor(web, GatewayOptions.from(o))) : null;
                 Dashboard board = dashboard ? Dashboard.start(kafka, config.transcriptsTopic(), true, limits, web,
                         app.metrics().registry(), gateway.uri()) : null) {
                app.pipeline().awaitRunning(Duration.ofMinutes(2));
                if (dashboard) {
                    web.route(PrometheusMetrics.PATH, app.metrics().endpoint());
                    System.out.printf("demo: dashboard at %s, metrics at %s, live gateway at %s%n", web.uri(),
                            web.uri().resolve(PrometheusMetrics.PATH), gateway.uri());
                }
                System.out.printf("demo: broker %s, model %s; playing %.1f s of audio%s%n", kafka.bootstrapServers(),
                        app.recognizer().modelName(), audio.durationMs() / 1000.0, o.flag("fast") ? "" : " in real time");
                List<String> finals = play(kafka, config, audio, !o.flag("fast"));
                if (reference != null) System.out.print(score(reference, finals));
                if (dashboard) {
                    System.out.printf("demo: the dashboard stays up until Ctrl-C; add streams with%n"
                            + "  ./asr publish --bootstrap-servers %s --stream-id NAME FILE%n", kafka.bootstrapServers());
                    signal.await();
                }
            }
        } finally {
            try {
                Directories.delete(work);
            } finally {
                if (signal != null) signal.close();
            }
        }
        return 0;
    }

    /** The gateway's settings, with the dashboard's page among the origins allowed to connect. */
    private static GatewaySettings gatewayFor(WebServer web, GatewaySettings settings) {
        Set<String> origins = new HashSet<>(settings.allowedOrigins());
        origins.add(Dashboard.origin(web.uri()));
        return settings.withAllowedOrigins(origins);
    }

    /** Publishes the audio as stream "demo" and prints its results until its end-of-stream final; returns the finals' texts. */
    private static List<String> play(KafkaSettings kafka, PipelineConfig config, Audio audio, boolean realtime) throws Exception {
        CountDownLatch ended = new CountDownLatch(1);
        Console console = new Console(System.out);
        try (TranscriptTail tail = new TranscriptTail(kafka, config.transcriptsTopic(), t -> {
                console.print(t);
                if (t.isEos()) ended.countDown();
            });
             AudioPublisher publisher = new AudioPublisher(kafka, config.inputTopic(), 100)) {
            publisher.publish("demo", audio, realtime);
            if (!ended.await(2, TimeUnit.MINUTES)) throw new IllegalStateException("no end-of-stream final within 2 minutes");
        }
        return console.finals;
    }

    /** Puts what the sample says beside what the finals read, so a demo shows how right the model is, not just what it says. */
    static String score(List<String> reference, List<String> finals) {
        ErrorRate score = new ErrorRate();
        score.add(String.join(" ", reference), String.join(" ", finals));
        return String.format(Locale.ROOT, "demo: the sample says \"%s\"%ndemo: the finals read it at %.1f%% WER, %.1f%% CER%n",
                String.join(" / ", reference), 100 * score.wer(), 100 * score.cer());
    }

    static List<String> sampleText() throws IOException {
        return new String(bundled(SAMPLE_TEXT), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
    }

    static Audio sample() throws IOException {
        return AudioFiles.decode(bundled(SAMPLE), SAMPLE);
    }

    private static byte[] bundled(String resource) throws IOException {
        try (InputStream in = DemoCommand.class.getResourceAsStream(resource)) {
            if (in == null) throw new IOException("the bundled " + resource + " is missing from the classpath");
            return in.readAllBytes();
        }
    }

    /** Prints each result, except partials that repeat the one before: a quiet stretch would print the same line. */
    static final class Console {
        private final PrintStream out;
        private String lastPartial = "";
        final List<String> finals = new ArrayList<>();

        Console(PrintStream out) {
            this.out = out;
        }

        void print(Transcript t) {
            String when = String.format(Locale.ROOT, "%6.2f-%6.2f s", t.startMs() / 1000.0, t.endMs() / 1000.0);
            if (t.isFinal() && t.text().isBlank()) {
                // the end-of-stream marker after the last utterance: nothing was said, so no confidence to show
                lastPartial = "";
                if (t.isEos()) out.printf(Locale.ROOT, "end of stream at %.2f s%n", t.endMs() / 1000.0);
            } else if (t.isFinal()) {
                lastPartial = "";
                finals.add(t.text());
                out.printf(Locale.ROOT, "FINAL   #%d %s  %s  (confidence %.2f)%s%n", t.utterance(), when, t.text(),
                        t.confidence(), t.isEos() ? "  [end of stream]" : "");
            } else if (!t.text().equals(lastPartial)) {
                lastPartial = t.text();
                out.printf("partial #%d %s  %s%n", t.utterance(), when, t.text());
            }
        }
    }
}
