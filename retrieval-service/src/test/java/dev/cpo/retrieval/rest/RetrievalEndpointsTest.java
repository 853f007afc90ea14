package dev.cpo.retrieval.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The REST edge: the corpus, inspecting searches, and the protected rebuild. */
@QuarkusTest
class RetrievalEndpointsTest {

    @Test
    void corpusListsEveryDocumentAndWhichMayBeServed() {
        JsonPath corpus = given().get("/corpus").then().statusCode(200).extract().jsonPath();

        int documents = corpus.getList("documents").size();
        assertThat(documents).isBetween(30, 60);
        assertThat(corpus.getInt("servable")).as("drafts and expired documents are listed but not servable")
                .isLessThan(documents).isGreaterThanOrEqualTo(30);
        assertThat(corpus.getString("version")).isNotBlank();
    }

    @Test
    void searchBySegmentReturnsScoredSnippetsWithTheirSources() {
        JsonPath result = given().queryParam("segment", "Champions").get("/search").then().statusCode(200).extract()
                .jsonPath();

        assertThat(result.getString("provider")).isEqualTo("lucene");
        List<Float> scores = result.getList("snippets.score", Float.class);
        assertThat(scores).isNotEmpty().allMatch(s -> s >= 0.5f && s <= 1.0f);
        assertThat(scores).isSortedAccordingTo((a, b) -> Float.compare(b, a));
        assertThat(result.getList("snippets.source", String.class)).allMatch(s -> s.startsWith("corpus/"));
    }

    @Test
    void searchWithoutSegmentOrTextIs400WithAMessage() {
        given().get("/search").then().statusCode(400).body("status", equalTo(400))
                .body("error", containsString("segment"));
    }

    @Test
    void rebuildNeedsTheAdminTokenAndKeepsTheVersionOfAnUnchangedCorpus() {
        String version = given().get("/corpus").then().extract().path("version");
        given().post("/index/rebuild").then().statusCode(401);

        given().header("Authorization", "Bearer test-admin-token").post("/index/rebuild").then().statusCode(200)
                .body("provider", equalTo("lucene")).body("corpusVersion", equalTo(version));
    }
}
