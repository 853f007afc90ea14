package dev.cpo.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** What the running services say about a run: the experiment's metrics, the safety report, the model calls. */
public final class PipelineFacts {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private PipelineFacts() {
    }

    /**
     * @param pipeline the running pipeline
     * @param experimentId the experiment
     * @return {@code GET /experiments/{id}/metrics}
     * @throws IOException if the service does not answer 200
     */
    public static JsonNode metrics(Pipeline pipeline, String experimentId) throws IOException {
        return json(pipeline.service("experiment-service").url("/experiments/" + experimentId + "/metrics"));
    }

    /**
     * @param pipeline the running pipeline
     * @return safety-service's {@code GET /audit/report}: overall, by category, segment and tone
     * @throws IOException if the service does not answer 200
     */
    public static JsonNode safetyReport(Pipeline pipeline) throws IOException {
        return json(pipeline.service("safety-service").url("/audit/report"));
    }

    /**
     * @param pipeline the running pipeline
     * @return model calls made by generation-service (every outcome), from its Prometheus metrics
     * @throws IOException if the service does not answer 200
     */
    public static long modelCalls(Pipeline pipeline) throws IOException {
        String text = get(pipeline.service("generation-service").url("/q/metrics"));
        return (long) sumOf(text, "cpo_generation_model_calls_total");
    }

    /**
     * @param pipeline the running pipeline
     * @return segment events segmentation-service published on its own initiative (customers re-segmented after a
     *         model was trained)
     * @throws IOException if the service does not answer 200
     */
    public static long resegmented(Pipeline pipeline) throws IOException {
        String text = get(pipeline.service("segmentation-service").url("/q/metrics"));
        return (long) sumOf(text, "cpo_records_republished_total");
    }

    /**
     * @param pipeline the running pipeline
     * @param experimentId the experiment
     * @return {@code GET /experiments/{id}/skips}: customers not contacted, by reason
     * @throws IOException if the service does not answer 200
     */
    public static JsonNode skips(Pipeline pipeline, String experimentId) throws IOException {
        return json(pipeline.service("experiment-service").url("/experiments/" + experimentId + "/skips"));
    }

    /**
     * @param prometheus a Prometheus text exposition
     * @param metric a metric name
     * @return the sum of its samples over every label set
     */
    static double sumOf(String prometheus, String metric) {
        double total = 0;
        for (String line : prometheus.split("\n")) {
            if (line.startsWith(metric + "{") || line.startsWith(metric + " ")) {
                String value = line.substring(line.lastIndexOf(' ') + 1).trim();
                total += Double.parseDouble(value);
            }
        }
        return total;
    }

    private static JsonNode json(URI uri) throws IOException {
        return JSON.readTree(get(uri));
    }

    private static String get(URI uri) throws IOException {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException(uri + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
