package dev.cpo.launcher;

import dev.cpo.events.Topics;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;

/** Publishes CRM customers with the CLI's importer, in this process. */
public final class CustomerPublisher {

    private CustomerPublisher() {
    }

    /**
     * @param file transactions in the CLI's csv format
     * @param bootstrapServers the broker
     * @return the customer events on the {@code customers} topic afterwards
     * @throws IllegalStateException if the import fails
     */
    public static long publishCsv(Path file, String bootstrapServers) {
        int exit = new CommandLine(new dev.cpo.cli.Cpo()).execute("import-customers", file.toString(), "--format",
                "csv", "--bootstrap-servers", bootstrapServers);
        if (exit != 0) {
            throw new IllegalStateException("import-customers failed (exit " + exit + ")");
        }
        try (StageCounts counts = new StageCounts(bootstrapServers, Pipeline.PARTITIONS)) {
            return counts.read(List.of(Topics.CUSTOMERS)).of(Topics.CUSTOMERS);
        }
    }
}
