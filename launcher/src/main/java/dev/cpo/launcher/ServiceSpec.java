package dev.cpo.launcher;

import java.nio.file.Path;
import java.util.List;

/**
 * One deployable of the pipeline, as the launcher starts it: its module, its preferred HTTP port and its database.
 *
 * @param name the module (and service) name
 * @param port the port it listens on when free (the service's own default)
 * @param database its PostgreSQL database; null when it has none
 */
public record ServiceSpec(String name, int port, String database) {

    /** The five services and the engagement simulator, in pipeline order. */
    public static final List<ServiceSpec> PIPELINE = List.of(
            new ServiceSpec("segmentation-service", 8081, "segmentation"),
            new ServiceSpec("retrieval-service", 8082, null),
            new ServiceSpec("generation-service", 8083, "generation"),
            new ServiceSpec("safety-service", 8084, "safety"),
            new ServiceSpec("experiment-service", 8085, "experiment"),
            new ServiceSpec("engagement-simulator", 8086, null));

    /**
     * @param root the repository root
     * @return the packaged service: {@code <module>/target/quarkus-app/quarkus-run.jar}
     */
    public Path runJar(Path root) {
        return root.resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /**
     * @param name a service name
     * @return its spec
     */
    public static ServiceSpec named(String name) {
        return PIPELINE.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + name));
    }
}
