package dev.cpo.experiment.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import dev.cpo.testing.KafkaResource;
import dev.cpo.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The experiment definitions over REST: defaults, validation with a message, the admin guard, conflicts. */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = PostgresResource.DATABASE_ARG, value = "experiment"))
class ExperimentEndpointsTest {

    private static final String ADMIN = "Bearer test-admin-token";

    @Test
    void theDefaultExperimentExistsWithItsDefaults() {
        given().get("/experiments").then().statusCode(200).body("id", hasItem("tone-test"));
        given().get("/experiments/tone-test").then().statusCode(200)
                .body("status", equalTo("RUNNING"))
                .body("definition.source", equalTo("live"))
                .body("definition.strategy", equalTo("permuted_blocks"))
                .body("definition.arms.name", equalTo(java.util.List.of("control", "urgent", "informational",
                        "friendly")))
                .body("definition.arms.weight", equalTo(java.util.List.of(1, 1, 1, 1)))
                .body("definition.alpha", equalTo(0.05f))
                .body("definition.contactPolicy.frequencyCapHours", equalTo(24))
                .body("definition.controlMessage.subject", equalTo("News from us this month"));
    }

    @Test
    void writingNeedsTheAdminToken() {
        given().contentType("application/json").body("{}").put("/experiments/x1").then().statusCode(401);
        given().post("/experiments/tone-test/stop").then().statusCode(401);
    }

    @Test
    void badDefinitionsAreRefusedWithAMessage() {
        put("bad-alpha", "{\"source\":\"historical\",\"alpha\":0}").statusCode(400)
                .body("error", containsString("alpha"));
        put("bad-tone", "{\"source\":\"historical\",\"arms\":[{\"name\":\"c\",\"kind\":\"control\"},"
                + "{\"name\":\"t\",\"kind\":\"treatment\",\"tone\":\"shouty\"}]}").statusCode(400)
                .body("error", startsWith("arms[1].tone"));
        put("bad-metric", "{\"source\":\"historical\",\"metrics\":[\"opens\"]}").statusCode(400)
                .body("error", containsString("metrics must be one of"));
        put("bad-window", "{\"source\":\"historical\",\"startAt\":\"2026-01-02T00:00:00Z\","
                + "\"stopAt\":\"2026-01-01T00:00:00Z\"}").statusCode(400).body("error", containsString("stopAt"));
        put("bad id!", "{}").statusCode(400).body("error", containsString("id must be"));
        put("other-id", "{\"id\":\"not-other\"}").statusCode(400).body("error", containsString("differs"));
        given().header("Authorization", ADMIN).contentType("application/json").body("{not json")
                .put("/experiments/broken").then().statusCode(400);
    }

    @Test
    void aSecondLiveExperimentMayNotOverlapTheRunningOne() {
        put("overlapping", "{\"name\":\"Second live\"}").statusCode(409)
                .body("error", containsString("tone-test"));
        // After the running one ends it may.
        put("later", "{\"startAt\":\"2999-01-01T00:00:00Z\",\"stopAt\":\"2999-02-01T00:00:00Z\"}").statusCode(409);
        put("historic", "{\"source\":\"historical\",\"arms\":[{\"name\":\"base\",\"kind\":\"control\"},"
                + "{\"name\":\"promo\",\"kind\":\"treatment\",\"weight\":2}],\"startAt\":\"2024-01-01T00:00:00Z\","
                + "\"stopAt\":\"2024-02-01T00:00:00Z\"}").statusCode(201)
                .body("status", equalTo("STOPPED"))
                .body("definition.arms[1].weight", equalTo(2));
        given().get("/experiments/historic/metrics").then().statusCode(200)
                .body("totals.assigned", equalTo(0))
                .body("analysis.arms.n", equalTo(java.util.List.of(0, 0)));
        given().get("/experiments/historic/metrics.csv").then().statusCode(200)
                .body(startsWith("row,experiment,arm,metric"));
    }

    @Test
    void unknownExperimentsAre404() {
        given().get("/experiments/nope").then().statusCode(404).body("error", containsString("nope"));
        given().get("/experiments/nope/metrics").then().statusCode(404);
        given().get("/experiments/nope/metrics.csv").then().statusCode(404);
        given().get("/experiments/nope/segments").then().statusCode(404);
        given().get("/experiments/nope/skips").then().statusCode(404);
        given().get("/experiments/tone-test/segments?dimension=Bad!").then().statusCode(400);
    }

    private static io.restassured.response.ValidatableResponse put(String id, String body) {
        return given().header("Authorization", ADMIN).contentType("application/json").body(body)
                .put("/experiments/" + id).then();
    }
}
