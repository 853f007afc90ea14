package dev.cpo.generation.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.cpo.events.EventCodec;
import dev.cpo.events.Segment;
import dev.cpo.generation.TestContent;
import dev.cpo.generation.generate.VariantSetComposer;
import dev.cpo.generation.rest.VariantSetResource.PreviewRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The variant-set endpoints: preview through the cache, list, evict; admin token; 4xx with a message. */
@QuarkusTest
class VariantSetEndpointsTest {

    private static final String ADMIN = "Bearer test-admin-token";

    @Test
    void previewWritesThreeVariantsOnceAndListsThem() {
        Segment segment = new Segment("rest-" + UUID.randomUUID(), "Potential Loyalists", "rfm", "rfm-test");
        String body = json(new PreviewRequest(segment, TestContent.CHAMPION_CONTENT));

        JsonPath first = given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(body)
                .post("/variant-sets/preview").then().statusCode(200).extract().jsonPath();
        assertThat(first.getString("provider")).isEqualTo("local");
        assertThat(first.getList("variants.tone")).containsExactly("urgent", "informational", "friendly");
        assertThat(first.getList("variants.valid", Boolean.class)).containsOnly(true);
        JsonPath again = given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(body)
                .post("/variant-sets/preview").then().statusCode(200).extract().jsonPath();
        assertThat(again.getList("variants.variantId")).isEqualTo(first.getList("variants.variantId"));

        JsonPath listed = given().queryParam("segment", segment.id()).get("/variant-sets").then().statusCode(200)
                .extract().jsonPath();
        assertThat(listed.getList("$")).hasSize(1);
        assertThat(listed.getString("[0].segmentLabel")).isEqualTo("Potential Loyalists");
        assertThat(listed.getList("[0].variants.variantId")).isEqualTo(first.getList("variants.variantId"));

        given().header("Authorization", ADMIN).queryParam("segment", segment.id()).delete("/variant-sets").then()
                .statusCode(200).body("deleted", equalTo(1));
        assertThat(given().queryParam("segment", segment.id()).get("/variant-sets").then().statusCode(200).extract()
                .jsonPath().getList("$")).isEmpty();
    }

    @Test
    void previewWithoutSnippetsInventsNothing() {
        Segment segment = new Segment("rest-" + UUID.randomUUID(), "Hibernating", "rfm", "rfm-test");
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(json(new PreviewRequest(segment, List.of()))).post("/variant-sets/preview").then()
                .statusCode(200).body("variants.valid", equalTo(List.of(false, false, false)))
                .body("variants[0].invalidReason", equalTo(VariantSetComposer.NO_SOURCES));
    }

    @Test
    void adminEndpointsNeedTheToken() {
        given().contentType(ContentType.JSON).body("{}").post("/variant-sets/preview").then().statusCode(401);
        given().header("Authorization", "Bearer wrong").queryParam("segment", "x").delete("/variant-sets").then()
                .statusCode(401);
    }

    @Test
    void badRequestsAreAnsweredWithAMessage() {
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body("{\"segment\":").post(
                "/variant-sets/preview").then().statusCode(400).body("error", containsString("not JSON"));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body("{\"snippets\":[]}")
                .post("/variant-sets/preview").then().statusCode(400).body("error", equalTo("segment is required"));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"segment\":{\"id\":\"x\",\"label\":\"X\",\"strategy\":\"rfm\"},\"snippets\":[]}")
                .post("/variant-sets/preview").then().statusCode(400).body("error", containsString("modelVersion"));
        given().header("Authorization", ADMIN).delete("/variant-sets").then().statusCode(400).body("error",
                containsString("segment"));
        given().queryParam("limit", 0).get("/variant-sets").then().statusCode(400).body("error",
                containsString("limit"));
    }

    private static String json(Object value) {
        try {
            return new String(EventCodec.mapper().writeValueAsBytes(value), StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
