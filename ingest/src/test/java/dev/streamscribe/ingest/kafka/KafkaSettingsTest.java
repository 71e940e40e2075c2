package dev.streamscribe.ingest.kafka;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.ServerSocket;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class KafkaSettingsTest {
    @Test
    @Timeout(30)
    void noBrokerIsAOneLineErrorWithinTheTimeout() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort(); // closed again: nothing listens there
        }
        KafkaSettings nowhere = KafkaSettings.of("127.0.0.1:" + port);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> nowhere.checkReachable(Duration.ofSeconds(2)));
        assertEquals("no Kafka broker answered at 127.0.0.1:" + port + " within 2 s (--bootstrap-servers)", e.getMessage());
    }
}
