package dev.cpo.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A service started as its own JVM from its packaged artifact, with its log in a file. */
public final class RunningService implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final ServiceSpec spec;
    private final int port;
    private final Process process;
    private final Path log;

    private RunningService(ServiceSpec spec, int port, Process process, Path log) {
        this.spec = spec;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /**
     * @param spec the service
     * @param root the repository root
     * @param port the HTTP port
     * @param environment its settings (the launcher's own environment is inherited: Azure settings pass through)
     * @param logs the folder of the log files
     * @return the started process (not yet ready)
     * @throws IOException if it cannot be started
     */
    public static RunningService start(ServiceSpec spec, Path root, int port, Map<String, String> environment,
            Path logs) throws IOException {
        Path jar = spec.runJar(root);
        if (!Files.exists(jar)) {
            throw new IOException(jar + " is missing: build first (./mvnw -q package -DskipTests)");
        }
        Files.createDirectories(logs);
        Path log = logs.resolve(spec.name() + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // Small heaps and a quick start: six JVMs, a broker and PostgreSQL share a laptop.
        command.add("-Xmx384m");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        builder.environment().put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        return new RunningService(spec, port, builder.start(), log);
    }

    /**
     * @return whether {@code /q/health/ready} answers 200
     */
    public boolean ready() {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(url("/q/health/ready"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * @param path a path on the service
     * @return its URL
     */
    public URI url(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    /**
     * @return whether the process still runs
     */
    public boolean alive() {
        return process.isAlive();
    }

    public ServiceSpec spec() {
        return spec;
    }

    public int port() {
        return port;
    }

    public Path log() {
        return log;
    }

    /** Stops the service: SIGTERM, then a kill after ten seconds. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
