package dev.streamscribe.ingest.cli;

import dev.streamscribe.ingest.gateway.GatewaySettings;

import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** The live gateway's settings, shared by {@code gateway} and {@code demo --dashboard}. */
final class GatewayOptions {
    static final String HELP = """
              --gateway-host HOST  address the gateway listens on (default 127.0.0.1: this machine only)
              --gateway-port N     its port (default %d; 0 picks a free one)
              --gateway-max-streams N   streams open at once; more are closed with code 1013 (default %d)
              --gateway-max-bytes-per-second N   audio one connection may send (default %d)
              --gateway-idle-timeout-ms N   a stream without audio this long is ended as if the client had sent eos
                                   (default %d)
              --allowed-origins LIST   web pages (scheme://host:port, comma-separated) whose browsers may connect;
                                   clients without an Origin header (not browsers) always may (default: none)
              --gateway-token T    a shared secret every client must give (?token=T or Authorization: Bearer T);
                                   best set as STREAMSCRIBE_GATEWAY_TOKEN (default: none)
            """.formatted(GatewaySettings.DEFAULT_PORT, GatewaySettings.DEFAULT_MAX_STREAMS,
            GatewaySettings.DEFAULT_MAX_BYTES_PER_SECOND, GatewaySettings.DEFAULT_IDLE_TIMEOUT.toMillis()).stripTrailing();

    private GatewayOptions() {}

    static GatewaySettings from(Options o) {
        GatewaySettings d = GatewaySettings.defaults();
        try {
            Set<String> origins = Arrays.stream(o.get("allowed-origins", "").split(","))
                    .map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
            return new GatewaySettings(o.get("gateway-host", d.host()), o.getInt("gateway-port", d.port()),
                    o.getInt("gateway-max-streams", d.maxStreams()), o.getInt("gateway-max-bytes-per-second", d.maxBytesPerSecond()),
                    Duration.ofMillis(o.getInt("gateway-idle-timeout-ms", (int) d.idleTimeout().toMillis())), origins,
                    o.get("gateway-token", null));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
