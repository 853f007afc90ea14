package dev.cpo.retrieval.azure;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.cpo.retrieval.azure.AzureSearchStub.API_KEY;
import static dev.cpo.retrieval.azure.AzureSearchStub.API_VERSION;
import static dev.cpo.retrieval.azure.AzureSearchStub.SEARCH_PATH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.cpo.events.Snippet;
import dev.cpo.retrieval.search.SearchUnavailableException;
import dev.cpo.retrieval.search.SegmentQuery;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;

/**
 * The search contract against a local HTTPS stub of Azure AI Search: what the provider sends, how it reads the answer,
 * and how it fails. No Quarkus: the SDK runs on a Vert.x created here.
 */
class AzureContentSearchContractTest {

    @RegisterExtension
    static final WireMockExtension SERVICE = AzureSearchStub.server();

    private static final Instant NOW = Instant.parse("2025-03-01T06:00:01.250Z");
    private static final SegmentQuery QUERY = new SegmentQuery("free returns gold members spring sale",
            Set.of("gold", "lapsed-high-value"), 3, 0.3);

    private static Vertx vertx;

    @BeforeAll
    static void startVertxAndWarmUp() {
        vertx = Vertx.vertx();
        // The first call of a JVM loads the SDK and makes the first TLS handshake (a second or two on a small machine):
        // done here, so that the timing assertions below measure retries and timeouts only.
        SERVICE.stubFor(post(urlPathEqualTo(SEARCH_PATH))
                .willReturn(okJson(AzureSearchStub.fixture("search-reranked.json"))));
        search(settings(Duration.ofSeconds(10), 0, Duration.ofMillis(50))).search(QUERY);
        SERVICE.resetAll();
    }

    @AfterAll
    static void closeVertx() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void semanticQueryCarriesKeyFilterAndTopAndItsResultsBecomeNormalizedSnippets() {
        SERVICE.stubFor(post(urlPathEqualTo(SEARCH_PATH))
                .willReturn(okJson(AzureSearchStub.fixture("search-reranked.json"))));

        List<Snippet> snippets = search(settings(Duration.ofSeconds(5), 2, Duration.ofMillis(50))).search(QUERY);

        LoggedRequest request = AzureSearchStub.requests(SERVICE).get(0);
        assertThat(request.getUrl()).startsWith(SEARCH_PATH + "?");
        assertThat(request.queryParameter("api-version").firstValue()).isEqualTo(API_VERSION);
        assertThat(request.getHeader("api-key")).isEqualTo(API_KEY);
        JsonNode body = AzureSearchStub.json(request);
        assertThat(body.path("search").asText()).isEqualTo("free returns gold members spring sale");
        assertThat(body.path("queryType").asText()).isEqualTo("semantic");
        assertThat(body.path("semanticConfiguration").asText()).isEqualTo("cpo-semantic");
        assertThat(body.path("captions").asText()).isEqualTo("extractive");
        assertThat(body.path("top").asInt()).isEqualTo(9); // 3 candidates per snippet wanted
        assertThat(body.path("select").asText()).isEqualTo("documentId,paragraphIndex,title,content,source");
        assertThat(body.path("filter").asText())
                .isEqualTo("status eq 'approved' and approvedAt le 2025-03-01T06:00:01.250Z"
                        + " and (expiresAt eq null or expiresAt gt 2025-03-01T06:00:01.250Z)"
                        + " and audienceTags/any(t: t eq 'everyone' or t eq 'gold' or t eq 'lapsed-high-value')");

        // Reranker scores 3.2, 2.0, 0.6 of 4: the last (0.15) is below minScore 0.3.
        assertThat(snippets).containsExactly(
                new Snippet("kb-returns-policy", "Returns and refunds", 2,
                        "Gold members get free returns within 60 days of delivery.", 0.8, "docs/returns-policy.md"),
                new Snippet("kb-spring-sale", "Spring sale", 0,
                        "The spring sale runs from 1 to 14 April with up to 30% off outdoor gear.", 0.5,
                        "https://shop.example.com/spring-sale"));
    }

    @Test
    void withoutSemanticRankingScoresAreRelativeToTheBestResult() {
        SERVICE.stubFor(post(urlPathEqualTo(SEARCH_PATH))
                .willReturn(okJson(AzureSearchStub.fixture("search-bm25-only.json"))));

        List<Snippet> snippets = search(settings(Duration.ofSeconds(5), 0, Duration.ofMillis(50))).search(QUERY);

        // @search.score 8, 4, 1: 1.0, 0.5 and 0.125 (below minScore).
        assertThat(snippets).extracting(Snippet::documentId, Snippet::score).containsExactly(
                org.assertj.core.groups.Tuple.tuple("kb-returns-policy", 1.0),
                org.assertj.core.groups.Tuple.tuple("kb-spring-sale", 0.5));
    }

    @Test
    void throttledSearchWaitsForRetryAfterThenSucceeds() {
        SERVICE.stubFor(post(urlPathEqualTo(SEARCH_PATH)).inScenario("throttled").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("recovered"));
        SERVICE.stubFor(post(urlPathEqualTo(SEARCH_PATH)).inScenario("throttled").whenScenarioStateIs("recovered")
                .willReturn(okJson(AzureSearchStub.fixture("search-reranked.json"))));

        long started = System.nanoTime();
        List<Snippet> snippets = search(settings(Duration.ofSeconds(5), 2, Duration.ofSeconds(2))).search(QUERY);

        assertThat(snippets).hasSize(2);
        assertThat(AzureSearchStub.requests(SERVICE)).hasSize(2);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @Test
    void retryAfterLongerThanTheCapFailsAtOnceInsteadOfWaiting() {
        SERVICE.stubFor(post(urlPathEqualTo(SEARCH_PATH))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120")));

        long started = System.nanoTime();
        assertThatThrownBy(() -> search(settings(Duration.ofSeconds(5), 3, Duration.ofSeconds(2))).search(QUERY))
                .isInstanceOf(SearchUnavailableException.class)
                .hasMessageContaining("is throttling")
                .hasMessageContaining("PT2M");
        assertThat(AzureSearchStub.requests(SERVICE)).hasSize(1);
        // Neither the 120 s asked for nor 3 back-offs of up to 2 s.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void serviceUnavailableIsRetriedThenReportedWithoutTheKey() {
        SERVICE.stubFor(post(urlPathEqualTo(SEARCH_PATH)).willReturn(aResponse().withStatus(503)
                .withBody("{\"error\":{\"code\":\"ServiceUnavailable\",\"message\":\"try later\"}}")));

        assertThatThrownBy(() -> search(settings(Duration.ofSeconds(5), 2, Duration.ofMillis(50))).search(QUERY))
                .isInstanceOf(SearchUnavailableException.class)
                .hasMessageContaining("answered HTTP 503")
                .hasMessageContaining("after 2 retries")
                .satisfies(failure -> assertThat(stackText(failure)).doesNotContain(API_KEY));
        assertThat(AzureSearchStub.requests(SERVICE)).hasSize(3);
    }

    @Test
    void slowServiceTimesOutQuickly() {
        SERVICE.stubFor(post(urlPathEqualTo(SEARCH_PATH))
                .willReturn(okJson(AzureSearchStub.fixture("search-reranked.json")).withFixedDelay(3_000)));

        long started = System.nanoTime();
        assertThatThrownBy(() -> search(settings(Duration.ofMillis(500), 1, Duration.ofMillis(50))).search(QUERY))
                .isInstanceOf(SearchUnavailableException.class)
                .hasMessageContaining("did not finish a search of index 'cpo-content' within PT0.5S");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2_000));
    }

    @ParameterizedTest
    @ValueSource(strings = {"<html>gateway error</html>", "{\"value\": [{\"documentId\": \"kb-x\"}]}",
            "{\"value\": [{\"@search.score\": 1.0, \"title\": \"no id, no content\"}]}"})
    void unreadableResponseIsReportedAsSuch(String body) {
        SERVICE.stubFor(post(urlPathEqualTo(SEARCH_PATH)).willReturn(okJson(body)));

        assertThatThrownBy(() -> search(settings(Duration.ofSeconds(5), 2, Duration.ofMillis(50))).search(QUERY))
                .isInstanceOf(SearchUnavailableException.class)
                .hasMessageContaining("response to a search of index 'cpo-content' could not be read");
        assertThat(AzureSearchStub.requests(SERVICE)).hasSize(1);
    }

    @Test
    void withoutAKeyAnEntraIdTokenIsSentInstead() {
        SERVICE.stubFor(post(urlPathEqualTo(SEARCH_PATH))
                .willReturn(okJson(AzureSearchStub.fixture("search-reranked.json"))));
        TokenCredential entraId = request -> Mono.just(
                new AccessToken("entra-test-token", OffsetDateTime.now(ZoneOffset.UTC).plusHours(1)));
        AzureSearchSettings settings = AzureSearchStub.settings(SERVICE, null, Duration.ofSeconds(5), 0,
                Duration.ofMillis(50));

        new AzureContentSearch(AzureSearchStub.client(vertx, settings, entraId), () -> "v1", Clock.systemUTC())
                .search(QUERY);

        LoggedRequest request = AzureSearchStub.requests(SERVICE).get(0);
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer entra-test-token");
        assertThat(request.containsHeader("api-key")).isFalse();
    }

    @Test
    void searchingOnAnEventLoopIsRefusedRatherThanDeadlocked() throws Exception {
        AzureContentSearch search = search(settings(Duration.ofSeconds(5), 0, Duration.ofMillis(50)));
        CompletableFuture<Throwable> failure = new CompletableFuture<>();

        vertx.runOnContext(ignored -> {
            try {
                search.search(QUERY);
                failure.complete(null);
            } catch (Throwable t) {
                failure.complete(t);
            }
        });

        assertThat(failure.get(5, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("worker thread");
        assertThat(AzureSearchStub.requests(SERVICE)).isEmpty();
    }

    private static AzureSearchSettings settings(Duration timeout, int maxRetries, Duration retryDelayCap) {
        return AzureSearchStub.settings(SERVICE, API_KEY, timeout, maxRetries, retryDelayCap);
    }

    private static AzureContentSearch search(AzureSearchSettings settings) {
        return new AzureContentSearch(AzureSearchStub.client(vertx, settings, null), () -> "corpus-v1",
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static String stackText(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            text.append(t).append('\n');
        }
        return text.toString();
    }
}
