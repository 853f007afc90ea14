package dev.cpo.experiment.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cpo.testing.KafkaResource;
import dev.cpo.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Hillstrom experiment imported end to end: the file through REST, its 64,000 assignments and their engagement
 * through the topics, folded into the aggregates by the measurement side, and the metrics read back over REST agree
 * with the independent SciPy reference ({@code src/test/resources/hillstrom/reference.json}).
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = PostgresResource.DATABASE_ARG, value = "experiment"))
class HillstromImportFlowTest {

    @jakarta.inject.Inject
    io.micrometer.core.instrument.MeterRegistry registry;

    private static final Path DATA = Path.of("../../shared/data/hillstrom.csv");
    private static final String ADMIN = "Bearer test-admin-token";
    private static final Map<String, String> ARMS = Map.of("no-email", "No E-Mail", "mens-email", "Mens E-Mail",
            "womens-email", "Womens E-Mail");

    @Test
    void theImportedExperimentsMetricsMatchTheReference() throws IOException {
        String id = "hillstrom-e2e";
        JsonNode outcome = json(given().header("Authorization", ADMIN).contentType("text/csv")
                .body(Files.readAllBytes(DATA)).post("/experiments/" + id + "/imports?format=hillstrom").then()
                .statusCode(200).extract().asString());
        assertThat(outcome.path("sent").asBoolean()).isTrue();
        assertThat(outcome.path("assignmentsSent").asLong()).isEqualTo(64_000);
        assertThat(outcome.path("engagementSent").asLong()).isEqualTo(9_394 + 578);

        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            JsonNode m = metrics(id);
            assertThat(m.path("totals").path("assigned").asLong()).isEqualTo(64_000);
            assertThat(m.path("totals").path("engagementEvents").asLong()).isEqualTo(9_394 + 578);
        });
        JsonNode metrics = metrics(id);
        JsonNode reference = reference();
        assertThat(metrics.path("source").asText()).isEqualTo("HISTORICAL");
        assertThat(metrics.path("totals").path("unassignedEngaged").asLong()).isZero();
        assertThat(metrics.path("totals").path("segments").asInt()).isEqualTo(87);
        for (JsonNode arm : metrics.path("analysis").path("arms")) {
            JsonNode expected = reference.path("arms").path(ARMS.get(arm.path("name").asText()));
            assertThat(arm.path("n").asLong()).isEqualTo(expected.path("n").asLong());
            assertThat(arm.path("clicks").asLong()).isEqualTo(expected.path("click").path("count").asLong());
            assertThat(arm.path("conversions").asLong())
                    .isEqualTo(expected.path("conversion").path("count").asLong());
            assertThat(arm.path("revenue").asDouble()).isCloseTo(expected.path("revenue").path("sum").asDouble(),
                    within(1e-6));
            assertThat(arm.path("revenueStdDev").asDouble())
                    .isCloseTo(expected.path("revenue").path("sd").asDouble(), within(1e-8));
            assertThat(arm.path("clickRate").path("lower").asDouble())
                    .isCloseTo(expected.path("click").path("wilsonLower").asDouble(), within(1e-10));
        }
        int checked = 0;
        for (JsonNode expected : reference.path("comparisons")) {
            String metric = expected.path("metric").asText().toUpperCase(java.util.Locale.ROOT);
            for (JsonNode actual : metrics.path("analysis").path("comparisons")) {
                if (ARMS.get(actual.path("treatment").asText()).equals(expected.path("treatment").asText())
                        && actual.path("metric").asText().equals(metric)) {
                    checked++;
                    assertThat(actual.path("difference").path("value").asDouble())
                            .isCloseTo(expected.path("difference").asDouble(), within(1e-10));
                    String p = metric.equals("REVENUE") ? "welchPValue" : "chiSquarePValue";
                    relative(actual.path("pValue").asDouble(), expected.path(p).asDouble());
                    relative(actual.path("holmAdjustedPValue").asDouble(), expected.path("holm").asDouble());
                    relative(actual.path("bhAdjustedPValue").asDouble(), expected.path("bh").asDouble());
                }
            }
        }
        assertThat(checked).isEqualTo(6);
        assertThat(metrics.path("analysis").path("srm").path("pValue").asDouble())
                .isCloseTo(reference.path("srm").path("pValue").asDouble(), within(1e-9));

        // The segment dimensions of the file, one analysis per value.
        JsonNode channels = json(given().get("/experiments/" + id + "/segments?dimension=channel").then()
                .statusCode(200).extract().asString());
        assertThat(channels.path("segments")).extracting(s -> s.path("segment").asText())
                .containsExactly("channel=multichannel", "channel=phone", "channel=web");
        long n = 0;
        for (JsonNode s : channels.path("segments")) {
            for (JsonNode arm : s.path("analysis").path("arms")) {
                n += arm.path("n").asLong();
            }
        }
        assertThat(n).isEqualTo(64_000);

        // Importing the same file again sends the same ids: once the measurement side has seen all of them again
        // (every engagement event a duplicate), nothing was counted twice.
        double duplicatesBefore = duplicates();
        given().header("Authorization", ADMIN).contentType("text/csv").body(Files.readAllBytes(DATA))
                .post("/experiments/" + id + "/imports?format=hillstrom").then().statusCode(200);
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> assertThat(
                duplicates() - duplicatesBefore).isEqualTo(9_394 + 578));
        JsonNode again = metrics(id);
        assertThat(again.path("totals").path("assigned").asLong()).isEqualTo(64_000);
        assertThat(again.path("totals").path("engagementEvents").asLong()).isEqualTo(9_394 + 578);
        assertThat(again.path("analysis").path("arms")).isEqualTo(metrics.path("analysis").path("arms"));
        given().post("/experiments/" + id + "/snapshot").then().statusCode(202);
    }

    @Test
    void aFileWithABadLineSendsNothingAndSaysWhere() {
        String csv = "recency,history_segment,history,mens,womens,zip_code,newbie,channel,segment,visit,conversion,"
                + "spend\n10,2) $100 - $200,142.44,1,0,Surburban,0,Phone,Womens E-Mail,0,0,0\n"
                + "6,3) $200 - $350,329.08,1,1,Rural,1,Web,No E-Mail,2,0,0\n";
        JsonNode outcome = json(given().header("Authorization", ADMIN).contentType("text/csv").body(csv)
                .post("/experiments/hillstrom-bad/imports?format=hillstrom").then().statusCode(400).extract()
                .asString());
        assertThat(outcome.path("sent").asBoolean()).isFalse();
        assertThat(outcome.path("errors").get(0).path("line").asLong()).isEqualTo(3);
        assertThat(outcome.path("errors").get(0).path("reason").asText()).contains("visit");
        given().get("/experiments/hillstrom-bad").then().statusCode(404);
        given().contentType("text/csv").body(csv).post("/experiments/hillstrom-bad/imports?format=hillstrom").then()
                .statusCode(401);
        given().header("Authorization", ADMIN).contentType("text/csv").body(csv)
                .post("/experiments/hillstrom-bad/imports?format=xlsx").then().statusCode(400);
    }

    private double duplicates() {
        io.micrometer.core.instrument.Counter c = registry.find("cpo.experiment.measured").tag("topic", "engagement")
                .tag("fate", "duplicate").counter();
        return c == null ? 0 : c.count();
    }

    private static void relative(double actual, double expected) {
        assertThat(actual).isCloseTo(expected, within(Math.max(1e-300, Math.abs(expected) * 1e-6)));
    }

    private static JsonNode metrics(String id) {
        return json(given().get("/experiments/" + id + "/metrics").then().statusCode(200).extract().asString());
    }

    private static JsonNode reference() throws IOException {
        try (InputStream in = HillstromImportFlowTest.class.getResourceAsStream("/hillstrom/reference.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static JsonNode json(String body) {
        try {
            return new ObjectMapper().readTree(body);
        } catch (IOException e) {
            throw new AssertionError(body, e);
        }
    }
}
