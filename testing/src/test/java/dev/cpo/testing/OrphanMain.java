package dev.cpo.testing;

import dev.cpo.testing.kafka.KafkaBroker;
import dev.cpo.testing.postgres.PostgresServer;

/**
 * Run by {@link OrphanTest} in a child JVM: starts the named resources, prints one line per resource
 * ({@code READY <kind> <port> <pid> <directory>}) and then waits to be killed.
 */
public final class OrphanMain {

    private OrphanMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        for (String kind : args) {
            if (kind.equals("kafka")) {
                KafkaBroker broker = KafkaBroker.start();
                System.out.println("READY kafka " + broker.port() + " " + broker.pid() + " " + broker.directory());
            } else if (kind.equals("postgres")) {
                PostgresServer server = PostgresServer.start();
                System.out.println("READY postgres " + server.port() + " " + server.pid() + " " + server.directory());
            } else {
                throw new IllegalArgumentException(kind);
            }
        }
        System.out.println("ALL READY");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
