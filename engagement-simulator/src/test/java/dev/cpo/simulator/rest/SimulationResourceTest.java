package dev.cpo.simulator.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import dev.cpo.events.Tone;
import dev.cpo.simulator.model.EngagementSimulator;
import dev.cpo.testing.KafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.restassured.config.JsonConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.config.JsonPathConfig;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
class SimulationResourceTest {

    @Inject
    EngagementSimulator simulator;

    @Test
    void showsTheEffectiveSettingsAndTheUpliftDrawnPerTone() {
        var response = given().config(RestAssuredConfig.config().jsonConfig(JsonConfig.jsonConfig()
                .numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE))).get("/simulation").then().statusCode(200)
                .body("seed", equalTo(42))
                .body("baseline.open", closeTo(0.25, 1e-9)).body("baseline.click", closeTo(0.05, 1e-9))
                .body("baseline.conversion", closeTo(0.01, 1e-9))
                // The test profile's segment: its own open rate, the baseline's others.
                .body("segments.test-vip.open", closeTo(0.5, 1e-9))
                .body("segments.test-vip.click", closeTo(0.05, 1e-9))
                .body("uplift.mean", closeTo(0.15, 1e-9)).body("uplift.max", closeTo(0.30, 1e-9))
                .body("noise", closeTo(0.05, 1e-9)).body("meanOrderValue", closeTo(60.0, 1e-9))
                .body("revenueSigma", closeTo(0.5, 1e-9)).body("deliveredRate", closeTo(0.98, 1e-9))
                .body("maxAssignmentAge", equalTo("PT168H")).body("experiments", empty());
        for (Tone tone : Tone.values()) {
            response.body("drawnUplifts." + tone.wireName(),
                    allOf(closeTo(simulator.drawnUplifts().get(tone), 1e-12), greaterThanOrEqualTo(0.05),
                            lessThanOrEqualTo(0.30)));
        }
    }
}
