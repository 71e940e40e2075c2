package dev.streamscribe.ingest.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No Docker engine runs where this is built, so docker-compose.yml is checked the way it can be: it parses, what
 * it tells the pipeline and the dashboard (command, flags, environment names) is what the CLI understands, their
 * HTTP ports are published on the host's loopback only, and Prometheus scrapes where they listen.
 */
class DockerComposeTest {
    private static final Path ROOT = Path.of("..");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void composeFileStartsAKraftBrokerThePipelineAndTheDashboardWithSettingsTheCliKnows() throws Exception {
        JsonNode services = YAML.readTree(ROOT.resolve("docker-compose.yml").toFile()).path("services");
        JsonNode kafka = services.path("kafka");
        assertTrue(kafka.path("image").asText().startsWith("apache/kafka:"), "the official image");
        assertTrue(kafka.path("environment").path("KAFKA_PROCESS_ROLES").asText().contains("controller"), "KRaft");

        assertRunsCommand(services.path("pipeline"), new ServeCommand());
        assertRunsCommand(services.path("dashboard"), new DashboardCommand());
        assertEquals("127.0.0.1:9464:" + ServeCommand.DEFAULT_METRICS_PORT, services.path("pipeline").path("ports").get(0).asText());
        assertEquals("127.0.0.1:8080:" + DashboardCommand.DEFAULT_PORT, services.path("dashboard").path("ports").get(0).asText());

        JsonNode prometheus = services.path("prometheus");
        String config = prometheus.path("volumes").get(0).asText().split(":")[0];
        List<String> targets = new ArrayList<>();
        YAML.readTree(ROOT.resolve(config).toFile()).path("scrape_configs")
                .forEach(job -> job.path("static_configs").forEach(c -> c.path("targets").forEach(t -> targets.add(t.asText()))));
        assertEquals(List.of("pipeline:" + ServeCommand.DEFAULT_METRICS_PORT, "dashboard:" + DashboardCommand.DEFAULT_PORT), targets);
    }

    private static void assertRunsCommand(JsonNode service, Command command) {
        assertTrue(Files.exists(ROOT.resolve(service.path("build").asText()).resolve("Dockerfile")));
        List<String> args = new ArrayList<>();
        service.path("command").forEach(n -> args.add(n.asText()));
        assertEquals(command.name(), args.get(0));
        Set<String> flags = command.flags();
        for (String arg : args) {
            if (arg.startsWith("--")) assertTrue(flags.contains(arg.substring(2)), arg + " is a " + command.name() + " option");
        }
        List<String> envNames = flags.stream().map(Options::envName).toList();
        service.path("environment").fieldNames().forEachRemaining(name ->
                assertTrue(envNames.contains(name), name + " is the environment name of a " + command.name() + " option"));
    }
}
