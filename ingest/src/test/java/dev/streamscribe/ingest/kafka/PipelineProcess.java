package dev.streamscribe.ingest.kafka;

import dev.streamscribe.ingest.TestAudio;
import dev.streamscribe.ingest.topology.PipelineConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * One pipeline instance in a JVM of its own, so that {@link FailoverTest} can crash it for real (SIGKILL) and not
 * just close it. Runs until killed.
 * <p>Arguments: bootstrap servers, application id, state dir, then Streams settings as {@code key=value}.
 */
public final class PipelineProcess {
    private PipelineProcess() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> overrides = new HashMap<>();
        for (int i = 3; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            overrides.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        StreamsPipeline pipeline = StreamsPipeline.start(KafkaSettings.of(args[0]), TestAudio.recognizer(), PipelineConfig.DEFAULT,
                StreamsPipeline.Settings.defaults(Path.of(args[2])).withApplicationId(args[1]).withStreamsOverrides(overrides));
        pipeline.awaitRunning(Duration.ofSeconds(120));
        System.out.println("pipeline running");
        Thread.currentThread().join();
    }
}
