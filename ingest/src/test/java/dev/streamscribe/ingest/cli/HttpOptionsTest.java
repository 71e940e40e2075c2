package dev.streamscribe.ingest.cli;

import dev.streamscribe.ingest.web.HttpSettings;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HttpOptionsTest {
    @Test
    void endpointsListenOnLoopbackUnlessConfiguredOtherwise() throws Exception {
        assertEquals(new HttpSettings("127.0.0.1", 8080), HttpOptions.from(Options.parse(List.of(), Map.of()), 8080));
        Map<String, String> env = Map.of("STREAMSCRIBE_HTTP_HOST", "0.0.0.0", "STREAMSCRIBE_HTTP_PORT", "9000");
        assertEquals(new HttpSettings("0.0.0.0", 9000), HttpOptions.from(Options.parse(List.of(), env), 8080));
        assertEquals(new HttpSettings("::1", 9001),
                HttpOptions.from(Options.parse(List.of("--http-host", "::1", "--http-port=9001"), env), 8080));
    }

    @Test
    void everyCommandWithAnEndpointDocumentsItAndRejectsABadPort() {
        for (String command : List.of("serve", "dashboard", "demo")) {
            String help = CliRun.of(command, "--help").stdout();
            assertTrue(help.contains("--http-host HOST") && help.contains("--http-port N"), command + " --help");
        }
        CliRun bad = CliRun.of("dashboard", "--http-port", "70000");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.stderr().contains("HTTP port 70000 is outside 0-65535"), bad.stderr());
    }
}
