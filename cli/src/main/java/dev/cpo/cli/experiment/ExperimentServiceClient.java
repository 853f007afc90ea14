package dev.cpo.cli.experiment;

import dev.cpo.cli.console.Progress;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/** The experiment-service calls of the CLI, on {@link HttpClient}. */
public final class ExperimentServiceClient {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http;
    private final URI base;
    private final String adminToken;
    private final Duration timeout;

    /**
     * @param base the service's base URL, without trailing slash
     * @param adminToken bearer token for admin endpoints, or null
     * @param timeout how long to wait for an answer
     */
    public ExperimentServiceClient(URI base, String adminToken, Duration timeout) {
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
        this.base = base;
        this.adminToken = adminToken;
        this.timeout = timeout;
    }

    /** An answer: status and body text. */
    public record Answer(int status, String body) {
    }

    /**
     * {@code POST /experiments/{id}/imports?format=...}: uploads a file as {@code text/csv}.
     *
     * @param experimentId the experiment to import under
     * @param format the file format, e.g. {@code hillstrom}
     * @param assignedAt when the historical customers were assigned, or null for the service's default
     * @param file the file
     * @param progress advanced by the bytes uploaded
     * @return the answer
     * @throws IOException when the service cannot be reached or the file read
     * @throws InterruptedException when interrupted while waiting
     */
    public Answer importFile(String experimentId, String format, Instant assignedAt, Path file, Progress progress)
            throws IOException, InterruptedException {
        String query = "format=" + encode(format)
                + (assignedAt == null ? "" : "&assignedAt=" + encode(assignedAt.toString()));
        long size = Files.size(file);
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofInputStream(() -> counting(file, progress)), size);
        HttpRequest.Builder request = HttpRequest.newBuilder(experimentUri(experimentId, "/imports?" + query))
                .timeout(timeout).header("Content-Type", "text/csv").POST(body);
        authorise(request);
        HttpResponse<String> response = http.send(request.build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Answer(response.statusCode(), response.body());
    }

    /**
     * {@code GET /experiments/{id}/metrics}.
     *
     * @param experimentId the experiment
     * @return the answer
     * @throws IOException when the service cannot be reached
     * @throws InterruptedException when interrupted while waiting
     */
    public Answer metrics(String experimentId) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(experimentUri(experimentId, "/metrics")).timeout(timeout)
                .header("Accept", "application/json").GET();
        authorise(request);
        HttpResponse<String> response = http.send(request.build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Answer(response.statusCode(), response.body());
    }

    /** @return the service's base URL */
    public URI base() {
        return base;
    }

    private URI experimentUri(String experimentId, String rest) {
        String id = URLEncoder.encode(experimentId, StandardCharsets.UTF_8).replace("+", "%20");
        return URI.create(base + "/experiments/" + id + rest);
    }

    private void authorise(HttpRequest.Builder request) {
        if (adminToken != null) {
            request.header("Authorization", "Bearer " + adminToken);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static InputStream counting(Path file, Progress progress) {
        try {
            return new FilterInputStream(Files.newInputStream(file)) {
                @Override
                public int read() throws IOException {
                    int b = super.read();
                    if (b >= 0) {
                        progress.advance(1);
                    }
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = super.read(buffer, offset, length);
                    if (n > 0) {
                        progress.advance(n);
                    }
                    return n;
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
