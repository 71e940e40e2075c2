package dev.streamscribe.ingest.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A command takes the flags its --help names and refuses the rest, so that a typo is an error and not a default kept. */
class CommandFlagsTest {
    private static final Path ROOT = Path.of("..");

    @Test
    void aMistypedFlagIsRefusedNamingTheFlagItResembles() {
        CliRun typo = CliRun.of("serve", "--bootstrap-server", "kafka:9092");
        assertEquals(2, typo.exitCode());
        assertEquals("asr serve: unknown option --bootstrap-server (did you mean --bootstrap-servers?); "
                + "./asr serve --help lists its options", typo.stderr().strip());

        CliRun foreign = CliRun.of("transcribe", "--sweep", "--beam", "8", "no-such.wav");
        assertEquals(2, foreign.exitCode());
        assertEquals("asr transcribe: unknown option --sweep; ./asr transcribe --help lists its options", foreign.stderr().strip());
    }

    @Test
    void kafkaClientSettingsAreTakenByPrefixAndBenchHandsItsPipelineOnlyWhatServeTakes() throws Exception {
        Options o = Options.parse(List.of("--kafka.sasl.mechanism", "PLAIN", "--kafka", "x", "--sweep", "--beam", "8",
                "--seconds", "5"), Map.of());
        Set<String> serve = new ServeCommand().flags();
        assertEquals(List.of("kafka", "sweep", "seconds"), o.unknownFlags(serve));
        assertEquals(List.of("kafka"), o.unknownFlags(new BenchCommand().flags()));
        assertEquals(List.of("--beam=8", "--kafka.sasl.mechanism=PLAIN"), o.flagArgs(serve));
    }

    @Test
    void everyCommandLineInTheDocsUsesOnlyFlagsItsCommandTakes() throws Exception {
        Pattern call = Pattern.compile("\\./asr ([a-z]+)([^`#&|;]*)");
        int flags = 0;
        for (String doc : List.of("README.md", "BENCHMARKS.md", "MODEL_CARD.md")) {
            List<String> lines = Files.readAllLines(ROOT.resolve(doc));
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = call.matcher(lines.get(i));
                while (m.find()) {
                    String where = doc + ":" + (i + 1);
                    Command c = Main.command(m.group(1));
                    assertNotNull(c, where + ": no command " + m.group(1));
                    List<String> args = Arrays.stream(m.group(2).trim().split("\\s+")).filter(a -> !a.isEmpty()).toList();
                    assertEquals(List.of(), Options.parse(args, Map.of()).unknownFlags(c.flags()), where + ": " + m.group());
                    flags += (int) args.stream().filter(a -> a.startsWith("--")).count();
                }
            }
        }
        assertTrue(flags > 100, "the docs' command lines were found (" + flags + " flags)");
    }
}
