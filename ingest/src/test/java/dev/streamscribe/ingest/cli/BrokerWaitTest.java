package dev.streamscribe.ingest.cli;

import org.junit.jupiter.api.Test;

import java.net.ServerSocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** serve and gateway say which cluster they wait for, and give up after --broker-timeout-ms with one line. */
class BrokerWaitTest {
    @Test
    void withNoBrokerServeAndGatewaySayWhereTheyWaitedAndStop() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        for (String command : new String[] {"serve", "gateway"}) {
            long start = System.nanoTime();
            CliRun run = CliRun.of(command, "--bootstrap-servers", "127.0.0.1:" + port, "--broker-timeout-ms", "1500");
            double seconds = (System.nanoTime() - start) / 1e9;
            assertEquals(2, run.exitCode(), run.stderr());
            assertTrue(run.stdout().startsWith(command + ": connecting to 127.0.0.1:" + port + " ..."), run.stdout());
            assertEquals("asr " + command + ": no Kafka broker answered at 127.0.0.1:" + port + " within 1500 ms (--bootstrap-servers)",
                    run.stderr().strip().lines().reduce((a, b) -> b).orElse(""));
            assertTrue(seconds < 10, "gave up after the 1.5 s asked for, not the default 10 s: " + seconds);
        }
    }
}
