package dev.cpo.cli;

import picocli.CommandLine.Option;

/** The Kafka connection, shared by the commands that talk to Kafka. */
public final class KafkaOptions {

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
            defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS:-localhost:9092}",
            description = "Kafka bootstrap servers (env KAFKA_BOOTSTRAP_SERVERS; default: ${DEFAULT-VALUE}).")
    String bootstrapServers;

    /** @return the bootstrap servers */
    public String bootstrapServers() {
        return bootstrapServers;
    }
}
