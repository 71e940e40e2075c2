package dev.streamscribe.ingest.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code demo --dashboard} stopped as Ctrl-C stops it (a signal that runs the shutdown hooks) leaves no files behind. */
class DemoShutdownTest {
    @Test
    @Timeout(180)
    void stoppingTheDashboardDemoRemovesItsWorkFolder(@TempDir Path tmp) throws Exception {
        Path log = tmp.resolve("demo.log");
        Process demo = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g",
                "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "demo", "--dashboard", "--fast", "--http-port", "0", "--gateway-port", "0")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            while (demo.isAlive() && !Files.readString(log).contains("stays up until Ctrl-C")) Thread.sleep(200);
            assertTrue(demo.isAlive(), "the demo reached its dashboard phase:\n" + Files.readString(log));
            assertEquals(1, folders(tmp).size(), "the demo's work folder exists while it runs");
            demo.destroy(); // SIGTERM: the JVM runs its shutdown hooks, as on Ctrl-C
            assertTrue(demo.waitFor(60, TimeUnit.SECONDS), "the demo ends");
        } finally {
            demo.destroyForcibly();
        }
        assertEquals(List.of(), folders(tmp), "printed:\n" + Files.readString(log));
    }

    private static List<Path> folders(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith("streamscribe-demo")).toList();
        }
    }
}
