package dev.cpo.safety.rest;

import static dev.cpo.testing.TopicProbe.awaitOne;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import dev.cpo.events.EventCodec;
import dev.cpo.events.Segment;
import dev.cpo.events.Tone;
import dev.cpo.events.Topics;
import dev.cpo.events.VariantsEvent;
import dev.cpo.safety.TestVariants;
import dev.cpo.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The audit trail over REST: pages with filters, CSV, the pass/block report; 400 with a message on bad filters. */
@QuarkusTest
class AuditEndpointsTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void everyDecisionIsOnTheAuditTrail() {
        String segment = "audit-" + UUID.randomUUID();
        VariantsEvent in = TestVariants.event(new Segment(segment, "Loyal", "rfm", "rfm-test"),
                List.of(TestVariants.variant("var-ok-" + segment, Tone.INFORMATIONAL, TestVariants.CLEAN),
                        TestVariants.variant("var-bad-" + segment, Tone.URGENT, TestVariants.THREAT)));
        try (TopicProbe kafka = new TopicProbe(bootstrapServers);
                ConsumerTask<String, byte[]> screened = kafka.consume(Topics.SCREENED)) {
            kafka.send(Topics.VARIANTS, in.customerId(), EventCodec.encode(in));
            awaitOne(screened, in.customerId());
        }

        JsonPath page = given().queryParam("segment", segment).get("/audit").then().statusCode(200).extract()
                .jsonPath();
        assertThat(page.getLong("total")).isEqualTo(2);
        assertThat(page.getList("items.variantId")).containsExactlyInAnyOrder("var-ok-" + segment,
                "var-bad-" + segment);
        JsonPath blocked = given().queryParam("segment", segment).queryParam("decision", "block").get("/audit")
                .then().statusCode(200).extract().jsonPath();
        assertThat(blocked.getList("items.variantId")).containsExactly("var-bad-" + segment);
        assertThat(blocked.getString("items[0].tone")).isEqualTo("urgent");
        assertThat(blocked.getInt("items[0].verdict.severities.violence")).isGreaterThanOrEqualTo(4);

        String csv = given().queryParam("segment", segment).get("/audit.csv").then().statusCode(200)
                .contentType(containsString("text/csv")).extract().asString();
        String[] lines = csv.split("\n");
        assertThat(lines[0]).startsWith("decided_at,variant_id,segment_id,tone,decision,hate,self_harm,sexual");
        assertThat(lines).hasSize(3);
        assertThat(csv).contains("var-bad-" + segment + "," + segment + ",urgent,block,");

        JsonPath report = given().queryParam("segment", segment).get("/audit/report").then().statusCode(200)
                .extract().jsonPath();
        assertThat(report.getLong("overall.total")).isEqualTo(2);
        assertThat(report.getLong("overall.blocked")).isEqualTo(1);
        assertThat(report.getDouble("overall.passRate")).isEqualTo(0.5);
        assertThat(report.getLong("byCategory.violence.blocked")).isEqualTo(1);
        assertThat(report.getLong("byTone.urgent.blocked")).isEqualTo(1);
        assertThat(report.getLong("bySegment.'" + segment + "'.total")).isEqualTo(2);
        assertThat(report.getInt("thresholds.violence")).isEqualTo(4);
    }

    @Test
    void badFiltersAreAnsweredWithAMessage() {
        given().queryParam("tone", "shouty").get("/audit").then().statusCode(400).body("error",
                containsString("urgent"));
        given().queryParam("decision", "maybe").get("/audit").then().statusCode(400).body("error",
                containsString("pass or block"));
        given().queryParam("from", "yesterday").get("/audit.csv").then().statusCode(400).body("error",
                containsString("ISO-8601"));
        given().queryParam("size", 0).get("/audit").then().statusCode(400);
    }
}
