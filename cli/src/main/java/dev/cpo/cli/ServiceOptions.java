package dev.cpo.cli;

import dev.cpo.cli.console.DurationConverter;
import java.net.URI;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The experiment-service connection, shared by the commands that call it. */
public final class ServiceOptions {

    @Option(names = "--experiment-url", paramLabel = "URL",
            defaultValue = "${env:CPO_EXPERIMENT_URL:-http://localhost:8085}",
            description = "experiment-service base URL (env CPO_EXPERIMENT_URL; default: ${DEFAULT-VALUE}).")
    String experimentUrl;

    @Option(names = "--admin-token", paramLabel = "TOKEN", defaultValue = "${env:CPO_ADMIN_TOKEN}",
            description = "Bearer token of the admin endpoints (env CPO_ADMIN_TOKEN).")
    String adminToken;

    @Option(names = "--http-timeout", paramLabel = "DURATION", defaultValue = "10m",
            converter = DurationConverter.class,
            description = "How long to wait for the service's answer (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    /** @return the base URL without a trailing slash */
    public URI baseUri() {
        String url = experimentUrl.trim();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        return URI.create(url);
    }

    /** @return the admin token, or null when none is set */
    public String adminToken() {
        return adminToken == null || adminToken.isBlank() ? null : adminToken.trim();
    }

    /** @return the answer timeout */
    public Duration timeout() {
        return timeout;
    }
}
