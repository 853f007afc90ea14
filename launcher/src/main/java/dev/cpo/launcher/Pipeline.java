package dev.cpo.launcher;

import dev.cpo.events.Topics;
import dev.cpo.testing.kafka.KafkaBroker;
import dev.cpo.testing.postgres.PostgresServer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The whole pipeline on one machine: a Kafka broker and a PostgreSQL server (the spine's launchers, no Docker), every
 * topic and database, then the five services and the engagement simulator, each its own JVM from its packaged
 * artifact. Closing it stops everything, services first; nothing outlives it.
 */
public final class Pipeline implements AutoCloseable {

    /** Partitions of every topic. */
    public static final int PARTITIONS = 3;

    private final KafkaBroker kafka;
    private final PostgresServer postgres;
    private final Map<String, RunningService> services = new LinkedHashMap<>();
    private final String adminToken = UUID.randomUUID().toString();
    private volatile boolean closed;

    private Pipeline(KafkaBroker kafka, PostgresServer postgres) {
        this.kafka = kafka;
        this.postgres = postgres;
    }

    /**
     * @return every topic the pipeline uses: the seven pipeline topics, their dead-letter topics and the ops topics
     */
    public static List<String> topics() {
        return Topics.allTopics();
    }

    /**
     * Starts everything and waits until every service is ready.
     *
     * @param root the repository root (where the modules' {@code target/quarkus-app} are)
     * @param preferFixedPorts use each service's own port (8081-8086) when it is free
     * @param extraEnvironment more settings for every service
     * @param out where to report
     * @param timeout how long the services may take to become ready
     * @return the running pipeline
     * @throws IOException if something cannot start (everything started so far is stopped)
     */
    public static Pipeline start(Path root, boolean preferFixedPorts, Map<String, String> extraEnvironment,
            PrintStream out, Duration timeout) throws IOException {
        for (ServiceSpec spec : ServiceSpec.PIPELINE) {
            if (!Files.exists(spec.runJar(root))) {
                throw new IOException(spec.runJar(root) + " is missing: build first (./mvnw -q package -DskipTests)");
            }
        }
        long started = System.nanoTime();
        KafkaBroker kafka = KafkaBroker.start(KafkaBroker.options().partitions(PARTITIONS).heap("512m"));
        Pipeline pipeline;
        try {
            pipeline = new Pipeline(kafka, PostgresServer.start());
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
        try {
            kafka.createTopics(topics(), PARTITIONS);
            out.printf("  Kafka %s and PostgreSQL ready (%.1f s)%n", kafka.bootstrapServers(),
                    (System.nanoTime() - started) / 1e9);
            Path logs = root.resolve("target/cpo-demo/logs");
            for (ServiceSpec spec : ServiceSpec.PIPELINE) {
                Map<String, String> env = new LinkedHashMap<>(extraEnvironment);
                env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
                env.put("CPO_ADMIN_TOKEN", pipeline.adminToken);
                if (spec.database() != null) {
                    pipeline.postgres.createDatabase(spec.database());
                    env.put("QUARKUS_DATASOURCE_JDBC_URL", pipeline.postgres.jdbcUrl(spec.database()));
                    env.put("QUARKUS_DATASOURCE_USERNAME", pipeline.postgres.username());
                    env.put("QUARKUS_DATASOURCE_PASSWORD", pipeline.postgres.password());
                }
                int port = Ports.preferredOrFree(preferFixedPorts ? spec.port() : 0);
                pipeline.services.put(spec.name(), RunningService.start(spec, root, port, env, logs));
            }
            pipeline.awaitReady(out, timeout);
            out.printf("  %d services ready (%.1f s); logs in %s%n", pipeline.services.size(),
                    (System.nanoTime() - started) / 1e9, logs);
            return pipeline;
        } catch (IOException | RuntimeException e) {
            pipeline.close();
            throw e;
        }
    }

    private void awaitReady(PrintStream out, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<RunningService> waiting = new ArrayList<>(services.values());
        while (!waiting.isEmpty()) {
            for (RunningService service : List.copyOf(waiting)) {
                if (!service.alive()) {
                    throw new IOException(service.spec().name() + " stopped while starting; see " + service.log());
                }
                if (service.ready()) {
                    waiting.remove(service);
                    out.printf("  %-22s ready on http://localhost:%d%n", service.spec().name(), service.port());
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("not ready after " + timeout.toSeconds() + " s: "
                        + waiting.stream().map(s -> s.spec().name() + " (" + s.log() + ")").toList());
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the services");
            }
        }
    }

    /**
     * @return the broker's address
     */
    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /**
     * @param name a service name
     * @return the running service
     */
    public RunningService service(String name) {
        RunningService service = services.get(name);
        if (service == null) {
            throw new IllegalArgumentException("no service " + name);
        }
        return service;
    }

    /**
     * @return the services, in pipeline order
     */
    public List<RunningService> services() {
        return List.copyOf(services.values());
    }

    /**
     * @return the admin token every service of this run accepts
     */
    public String adminToken() {
        return adminToken;
    }

    /**
     * @return the JDBC URL of a database (for checks)
     */
    public String jdbcUrl(String database) {
        return postgres.jdbcUrl(database);
    }

    /** Stops the services (in reverse order), then the broker and PostgreSQL. Safe to call twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<RunningService> reverse = new ArrayList<>(services.values());
        java.util.Collections.reverse(reverse);
        reverse.parallelStream().forEach(RunningService::close);
        kafka.close();
        postgres.close();
    }
}
