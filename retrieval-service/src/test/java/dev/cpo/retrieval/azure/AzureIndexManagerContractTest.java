package dev.cpo.retrieval.azure;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.cpo.retrieval.azure.AzureSearchStub.API_KEY;
import static dev.cpo.retrieval.azure.AzureSearchStub.API_VERSION;
import static dev.cpo.retrieval.azure.AzureSearchStub.INDEX_PATH;
import static dev.cpo.retrieval.azure.AzureSearchStub.UPLOAD_PATH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.cpo.retrieval.search.SearchUnavailableException;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Index management against a local HTTPS stub of Azure AI Search: the index definition and batched uploads. */
class AzureIndexManagerContractTest {

    /** Answers an upload like the service: one result per document; a key containing "refused" is refused. */
    static final class IndexingResults implements ResponseTransformerV2 {

        static final String NAME = "indexing-results";
        private static final ObjectMapper JSON = new ObjectMapper();

        @Override
        public Response transform(Response response, ServeEvent serveEvent) {
            try {
                JsonNode batch = JSON.readTree(serveEvent.getRequest().getBodyAsString());
                ArrayNode results = JSON.createArrayNode();
                boolean anyRefused = false;
                for (JsonNode action : batch.path("value")) {
                    String key = action.path("id").asText();
                    boolean refused = key.contains("refused");
                    anyRefused |= refused;
                    ObjectNode result = results.addObject().put("key", key).put("status", !refused)
                            .put("statusCode", refused ? 400 : 201);
                    result.put("errorMessage", refused ? "Field 'content' is too long" : null);
                }
                ObjectNode body = JSON.createObjectNode();
                body.set("value", results);
                return Response.Builder.like(response).but().status(anyRefused ? 207 : 200)
                        .body(JSON.writeValueAsString(body)).build();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public String getName() {
            return NAME;
        }
    }

    @RegisterExtension
    static final WireMockExtension SERVICE = AzureSearchStub.server(new IndexingResults());

    private static Vertx vertx;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void closeVertx() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void createsTheIndexWithItsFieldsAndSemanticConfiguration() {
        SERVICE.stubFor(put(urlPathEqualTo(INDEX_PATH)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"name\":\"cpo-content\",\"fields\":[{\"name\":\"id\",\"type\":\"Edm.String\"}]}")));

        manager(0).createOrUpdateIndex();

        LoggedRequest request = AzureSearchStub.requests(SERVICE).get(0);
        assertThat(request.getMethod().getName()).isEqualTo("PUT");
        assertThat(request.queryParameter("api-version").firstValue()).isEqualTo(API_VERSION);
        assertThat(request.getHeader("api-key")).isEqualTo(API_KEY);
        JsonNode index = AzureSearchStub.json(request);
        assertThat(index.path("name").asText()).isEqualTo("cpo-content");
        Map<String, JsonNode> fields = new HashMap<>();
        index.path("fields").forEach(field -> fields.put(field.path("name").asText(), field));
        assertThat(fields).containsOnlyKeys("id", "documentId", "paragraphIndex", "title", "content", "category",
                "audienceTags", "status", "approvedAt", "expiresAt", "source");
        assertThat(fields.get("id").path("key").asBoolean()).isTrue();
        assertThat(fields.get("id").path("type").asText()).isEqualTo("Edm.String");
        assertThat(fields.get("id").path("sortable").asBoolean()).isTrue();
        assertThat(fields.get("paragraphIndex").path("type").asText()).isEqualTo("Edm.Int32");
        assertThat(fields.get("content").path("searchable").asBoolean()).isTrue();
        assertThat(fields.get("content").path("analyzer").asText()).isEqualTo("en.lucene");
        assertThat(fields.get("title").path("searchable").asBoolean()).isTrue();
        assertThat(fields.get("category").path("filterable").asBoolean()).isTrue();
        assertThat(fields.get("category").path("facetable").asBoolean()).isTrue();
        assertThat(fields.get("audienceTags").path("type").asText()).isEqualTo("Collection(Edm.String)");
        assertThat(fields.get("audienceTags").path("filterable").asBoolean()).isTrue();
        assertThat(fields.get("status").path("filterable").asBoolean()).isTrue();
        assertThat(fields.get("status").path("searchable").asBoolean()).isFalse();
        assertThat(fields.get("approvedAt").path("type").asText()).isEqualTo("Edm.DateTimeOffset");
        assertThat(fields.get("approvedAt").path("filterable").asBoolean()).isTrue();
        assertThat(fields.get("expiresAt").path("type").asText()).isEqualTo("Edm.DateTimeOffset");
        assertThat(fields.get("expiresAt").path("filterable").asBoolean()).isTrue();
        assertThat(fields.get("source").path("searchable").asBoolean()).isFalse();

        JsonNode semantic = index.path("semantic");
        assertThat(semantic.path("defaultConfiguration").asText()).isEqualTo("cpo-semantic");
        JsonNode prioritized = semantic.path("configurations").get(0).path("prioritizedFields");
        assertThat(semantic.path("configurations").get(0).path("name").asText()).isEqualTo("cpo-semantic");
        assertThat(prioritized.path("titleField").path("fieldName").asText()).isEqualTo("title");
        assertThat(names(prioritized.path("prioritizedContentFields"))).containsExactly("content");
        assertThat(names(prioritized.path("prioritizedKeywordsFields"))).containsExactly("category", "audienceTags");
    }

    @Test
    void uploadsTwoHundredFiftyParagraphsInThreeMergeOrUploadBatches() {
        SERVICE.stubFor(post(urlPathEqualTo(UPLOAD_PATH)).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withTransformers(IndexingResults.NAME)));
        List<AzureIndexDocument> paragraphs = paragraphs(250);

        UploadReport report = manager(0).upload(paragraphs);

        assertThat(report).isEqualTo(new UploadReport(250, 250, List.of(), 3));
        List<LoggedRequest> requests = AzureSearchStub.requests(SERVICE);
        assertThat(requests).hasSize(3).allSatisfy(request -> {
            assertThat(request.getUrl()).startsWith(UPLOAD_PATH + "?api-version=" + API_VERSION);
            assertThat(request.getHeader("api-key")).isEqualTo(API_KEY);
        });
        assertThat(requests).extracting(request -> AzureSearchStub.json(request).path("value").size())
                .containsExactly(100, 100, 50);
        JsonNode first = AzureSearchStub.json(requests.get(0)).path("value").get(0);
        assertThat(first.path("@search.action").asText()).isEqualTo("mergeOrUpload");
        assertThat(first.path("id").asText()).isEqualTo("kb-doc-0-p0");
        assertThat(first.path("documentId").asText()).isEqualTo("kb-doc-0");
        assertThat(first.path("paragraphIndex").asInt()).isZero();
        assertThat(first.path("audienceTags").get(0).asText()).isEqualTo("gold");
        assertThat(first.path("status").asText()).isEqualTo("approved");
        assertThat(first.path("approvedAt").asText()).isEqualTo("2025-01-01T00:00:00Z");
        assertThat(first.path("expiresAt").asText()).isEqualTo("2026-01-31T00:00:00Z");
        assertThat(StreamSupport.stream(AzureSearchStub.json(requests.get(2)).path("value").spliterator(), false)
                .map(action -> action.path("@search.action").asText()).distinct()).containsExactly("mergeOrUpload");
    }

    @Test
    void refusedParagraphsAreReportedWithTheirReasonAndTheRestIsUploaded() {
        SERVICE.stubFor(post(urlPathEqualTo(UPLOAD_PATH)).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withTransformers(IndexingResults.NAME)));
        List<AzureIndexDocument> paragraphs = new java.util.ArrayList<>(paragraphs(3));
        paragraphs.add(AzureIndexDocument.of("kb-refused", 0, "Too long", "x".repeat(50), null, List.of(),
                "draft", null, null, null));

        UploadReport report = manager(0).upload(paragraphs);

        assertThat(report.uploaded()).isEqualTo(3);
        assertThat(report.batches()).isEqualTo(1);
        assertThat(report.complete()).isFalse();
        assertThat(report.failed()).containsExactly(
                new UploadReport.Failure("kb-refused-p0", "HTTP 400: Field 'content' is too long"));
    }

    @Test
    void aBatchThatFailsStopsTheUploadAndEveryParagraphNotUploadedIsReported() {
        SERVICE.stubFor(post(urlPathEqualTo(UPLOAD_PATH)).willReturn(aResponse().withStatus(503)));

        UploadReport report = manager(1).upload(paragraphs(250));

        assertThat(AzureSearchStub.requests(SERVICE)).hasSize(2);
        assertThat(report.uploaded()).isZero();
        assertThat(report.batches()).isEqualTo(1);
        assertThat(report.failed()).hasSize(250);
        assertThat(report.failed().get(0).reason()).contains("answered HTTP 503", "uploading 100 documents");
        assertThat(report.failed().get(100).reason()).isEqualTo("not sent: an earlier batch failed");
    }

    @Test
    void refusedIndexDefinitionIsReported() {
        SERVICE.stubFor(put(urlPathEqualTo(INDEX_PATH)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":{\"code\":\"OperationNotAllowed\","
                        + "\"message\":\"Existing field 'status' cannot be changed\"}}")));

        assertThatThrownBy(() -> manager(2).createOrUpdateIndex()).isInstanceOf(SearchUnavailableException.class)
                .hasMessageContaining("answered HTTP 400 to creating or updating index 'cpo-content'")
                .hasMessageContaining("Existing field 'status' cannot be changed");
        assertThat(AzureSearchStub.requests(SERVICE)).hasSize(1);
    }

    @Test
    void paragraphsThatLeftTheCorpusAreDeleted() {
        SERVICE.stubFor(post(urlPathEqualTo(AzureSearchStub.SEARCH_PATH)).willReturn(okJson("{\"value\": ["
                + "{\"@search.score\": 1, \"id\": \"kb-doc-0-p0\"}, {\"@search.score\": 1, \"id\": \"kb-doc-0-p1\"},"
                + "{\"@search.score\": 1, \"id\": \"kb-doc-1-p0\"}, {\"@search.score\": 1, \"id\": \"kb-doc-1-p5\"},"
                + "{\"@search.score\": 1, \"id\": \"kb-withdrawn-p0\"}]}")));
        SERVICE.stubFor(post(urlPathEqualTo(UPLOAD_PATH)).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withTransformers(IndexingResults.NAME)));

        List<String> removed = manager(0).removeStale(paragraphs(3));

        assertThat(removed).containsExactly("kb-doc-1-p5", "kb-withdrawn-p0");
        List<LoggedRequest> requests = AzureSearchStub.requests(SERVICE);
        JsonNode listing = AzureSearchStub.json(requests.get(0));
        assertThat(listing.path("search").asText()).isEqualTo("*");
        assertThat(listing.path("select").asText()).isEqualTo("id");
        assertThat(listing.path("orderby").asText()).isEqualTo("id");
        assertThat(listing.path("top").asInt()).isEqualTo(1000);
        JsonNode deletions = AzureSearchStub.json(requests.get(1)).path("value");
        assertThat(StreamSupport.stream(deletions.spliterator(), false)
                .map(action -> action.path("@search.action").asText() + " " + action.path("id").asText()))
                .containsExactly("delete kb-doc-1-p5", "delete kb-withdrawn-p0");
    }

    private static AzureIndexManager manager(int maxRetries) {
        AzureSearchSettings settings = AzureSearchStub.settings(SERVICE, API_KEY, Duration.ofSeconds(10),
                maxRetries, Duration.ofMillis(50));
        return new AzureIndexManager(settings, AzureSearchStub.client(vertx, settings, null));
    }

    private static List<AzureIndexDocument> paragraphs(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> AzureIndexDocument.of("kb-doc-" + i / 2, i % 2, "Document " + i / 2,
                        "Paragraph " + i + " of the approved corpus.", "policy", List.of("gold", "all"),
                        AzureIndexDocument.STATUS_APPROVED, Instant.parse("2025-01-01T00:00:00Z"),
                        Instant.parse("2026-01-31T00:00:00Z"), "docs/doc-" + i / 2 + ".md"))
                .toList();
    }

    private static List<String> names(JsonNode semanticFields) {
        return StreamSupport.stream(semanticFields.spliterator(), false)
                .map(field -> field.path("fieldName").asText()).toList();
    }
}
