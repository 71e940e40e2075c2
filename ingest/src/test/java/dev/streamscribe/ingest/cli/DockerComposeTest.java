package dev.streamscribe.ingest.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No Docker engine runs where this is built, so docker-compose.yml is checked the way it can be: it parses, and
 * what it tells the pipeline (command, flags, environment names) is what the CLI understands.
 */
class DockerComposeTest {
    private static final Path ROOT = Path.of("..");

    @Test
    void composeFileStartsAKraftBrokerAndThePipelineWithSettingsTheCliKnows() throws Exception {
        JsonNode compose = new ObjectMapper(new YAMLFactory()).readTree(ROOT.resolve("docker-compose.yml").toFile());
        JsonNode kafka = compose.path("services").path("kafka");
        JsonNode pipeline = compose.path("services").path("pipeline");

        assertTrue(kafka.path("image").asText().startsWith("apache/kafka:"), "the official image");
        assertTrue(kafka.path("environment").path("KAFKA_PROCESS_ROLES").asText().contains("controller"), "KRaft");
        assertTrue(Files.exists(ROOT.resolve(pipeline.path("build").asText()).resolve("Dockerfile")));

        List<String> command = new ArrayList<>();
        pipeline.path("command").forEach(n -> command.add(n.asText()));
        assertEquals("serve", command.get(0));
        String usage = new ServeCommand().usage();
        for (String arg : command) {
            if (arg.startsWith("--")) assertTrue(usage.contains(arg + " "), arg + " is a serve option");
        }
        List<String> envNames = new ArrayList<>();
        Matcher flag = Pattern.compile("--([a-z][a-z.-]*)").matcher(usage);
        while (flag.find()) envNames.add(Options.envName(flag.group(1)));
        pipeline.path("environment").fieldNames().forEachRemaining(name ->
                assertTrue(envNames.contains(name), name + " is the environment name of a serve option"));
    }
}
