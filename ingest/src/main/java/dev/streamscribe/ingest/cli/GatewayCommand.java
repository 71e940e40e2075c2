package dev.streamscribe.ingest.cli;

import dev.streamscribe.ingest.gateway.Gateway;
import dev.streamscribe.ingest.kafka.KafkaSettings;

/** {@code ./asr gateway}: the live WebSocket gateway in front of a running pipeline. */
final class GatewayCommand implements Command {
    @Override
    public String name() {
        return "gateway";
    }

    @Override
    public String summary() {
        return "WebSocket endpoint: clients stream audio in and get their stream's partials and finals back";
    }

    @Override
    public String usage() {
        return "usage: ./asr gateway [options]\n" + KafkaOptions.HELP + "\n"
                + KafkaOptions.BROKER_TIMEOUT_HELP + "\n" + GatewayOptions.HELP + "\n"
                + "  A client opens ws://HOST:PORT/stream?rate=16000&format=s16le (also channels, hotwords, token), sends\n"
                + "  audio as binary messages and the text message eos at the end, and receives {\"type\":\"ready\",...}\n"
                + "  then its stream's transcripts as JSON; the stream needs ./asr serve running on the same topics.";
    }

    @Override
    public int run(Options o) throws Exception {
        KafkaSettings kafka = KafkaOptions.kafka(o, "localhost:9092");
        KafkaOptions.requireBroker(o, kafka, "gateway");
        try (StopSignal signal = new StopSignal();
             Gateway gateway = Gateway.start(kafka, KafkaOptions.pipeline(o), GatewayOptions.from(o))) {
            System.out.printf("gateway: %s (audio to and transcripts from %s); Ctrl-C stops%n", gateway.uri(), kafka.bootstrapServers());
            signal.await();
        }
        return 0;
    }
}
