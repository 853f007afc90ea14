package dev.cpo.testing.kafka.broker;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Properties;

import kafka.Kafka;
import kafka.tools.StorageTool;

/**
 * Entry point of the test broker's child JVM: formats the KRaft storage when it is not formatted yet, then runs
 * {@code kafka.Kafka} in the same JVM (one JVM start instead of two).
 *
 * <p>
 * Usage: {@code BrokerMain <server.properties> <clusterId>}. Only ever run by the launcher in {@code cpo-testing},
 * on the classpath listed in {@code META-INF/cpo/kafka-broker.classpath}.
 */
public final class BrokerMain {

    private BrokerMain() {
    }

    /**
     * Formats the storage if needed and starts the broker; returns only when the broker stops.
     *
     * @param args the server.properties path and the cluster id used when formatting
     * @throws IOException if the properties cannot be read
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("Usage: BrokerMain <server.properties> <clusterId>");
            System.exit(2);
        }
        String config = args[0];
        String clusterId = args[1];
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(Paths.get(config))) {
            properties.load(in);
        }
        Path metadataDir = Paths.get(properties.getProperty("log.dirs").split(",")[0].trim());
        if (!Files.exists(metadataDir.resolve("meta.properties"))) {
            long started = System.nanoTime();
            int rc = StorageTool.execute(new String[]{"format", "-t", clusterId, "-c", config, "--ignore-formatted"},
                    System.out);
            if (rc != 0) {
                System.err.println("Formatting the KRaft storage failed with exit code " + rc);
                System.exit(rc);
            }
            System.out.printf("Formatted %s in %d ms%n", metadataDir, (System.nanoTime() - started) / 1_000_000);
        }
        Kafka.main(new String[]{config});
    }
}
