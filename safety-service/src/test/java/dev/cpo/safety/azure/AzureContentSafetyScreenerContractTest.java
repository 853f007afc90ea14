package dev.cpo.safety.azure;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.cpo.safety.azure.ContentSafetyStub.ANALYZE_PATH;
import static dev.cpo.safety.azure.ContentSafetyStub.API_KEY;
import static dev.cpo.safety.azure.ContentSafetyStub.API_VERSION;
import static dev.cpo.safety.azure.ContentSafetyStub.analysis;
import static dev.cpo.safety.azure.ContentSafetyStub.stackText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.cpo.events.HarmCategory;
import dev.cpo.safety.screen.ScreenResult;
import dev.cpo.safety.screen.ScreeningUnavailableException;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;

/**
 * The text:analyze contract against a local HTTPS stub of Azure AI Content Safety: what the screener sends, how it
 * reads the answer, and how it fails closed. No Quarkus: the SDK runs on a Vert.x created here.
 */
class AzureContentSafetyScreenerContractTest {

    @RegisterExtension
    static final WireMockExtension SERVICE = ContentSafetyStub.server();

    /**
     * A failed multi-chunk screening returns while its other chunks may still be on the wire; wait until the stub has
     * been quiet for a moment, so that no request of this test is counted by the next one.
     */
    @AfterEach
    void letInFlightRequestsLand() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        int seen = -1;
        while (System.nanoTime() < deadline) {
            int now = SERVICE.getAllServeEvents().size();
            if (now == seen) {
                return;
            }
            seen = now;
            Thread.sleep(300);
        }
    }

    private static final String TEXT = "Spring sale: 30% off outdoor gear for gold members, this week only.";
    private static final List<String> BLOCKLISTS = List.of("banned-claims", "competitors");

    private static Vertx vertx;

    @BeforeAll
    static void startVertxAndWarmUp() {
        vertx = Vertx.vertx();
        // The first call of a JVM loads the SDK and makes the first TLS handshake (a second or two on a small machine):
        // done here, so that the timing assertions below measure retries and timeouts only.
        SERVICE.stubFor(post(urlPathEqualTo(ANALYZE_PATH)).willReturn(okJson(analysis(0, 0, 0, 0))));
        screener(Duration.ofSeconds(10), 0, Duration.ofMillis(50)).screen(TEXT);
        SERVICE.resetAll();
    }

    @AfterAll
    static void closeVertx() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void analyzeRequestCarriesKeyTextEightLevelsAndBlocklistsAndItsAnswerIsMapped() {
        SERVICE.stubFor(post(urlPathEqualTo(ANALYZE_PATH)).withQueryParam("api-version", equalTo(API_VERSION))
                .withHeader("Ocp-Apim-Subscription-Key", equalTo(API_KEY))
                .withRequestBody(matchingJsonPath("$.text", equalTo(TEXT)))
                .withRequestBody(matchingJsonPath("$.outputType", equalTo("EightSeverityLevels")))
                .willReturn(okJson(analysis(0, 1, 0, 2))));

        ScreenResult result = screener(Duration.ofSeconds(5), 2, Duration.ofMillis(50)).screen(TEXT);

        assertThat(result.severities()).isEqualTo(Map.of(HarmCategory.HATE, 0, HarmCategory.SELF_HARM, 1,
                HarmCategory.SEXUAL, 0, HarmCategory.VIOLENCE, 2));
        assertThat(result.complete()).isTrue();
        assertThat(result.blocklistMatches()).isEmpty();

        List<LoggedRequest> requests = ContentSafetyStub.requests(SERVICE);
        assertThat(requests).hasSize(1);
        LoggedRequest request = requests.get(0);
        assertThat(request.getUrl()).isEqualTo(ANALYZE_PATH + "?api-version=" + API_VERSION);
        assertThat(request.getHeader("Ocp-Apim-Subscription-Key")).isEqualTo(API_KEY);
        assertThat(request.containsHeader("Authorization")).isFalse();
        JsonNode body = ContentSafetyStub.json(request);
        assertThat(body.path("text").asText()).isEqualTo(TEXT);
        assertThat(body.path("outputType").asText()).isEqualTo("EightSeverityLevels");
        assertThat(body.path("haltOnBlocklistHit").asBoolean(true)).isFalse();
        assertThat(body.path("blocklistNames")).extracting(JsonNode::asText).containsExactly("banned-claims",
                "competitors");
        assertThat(body.path("categories")).extracting(JsonNode::asText).containsExactly("Hate", "SelfHarm", "Sexual",
                "Violence");
    }

    @Test
    void blocklistMatchesAreReportedAsListAndItemIdNeverAsTheMatchedText() {
        SERVICE.stubFor(post(urlPathEqualTo(ANALYZE_PATH)).willReturn(okJson(analysis(0, 0, 0, 0,
                "banned-claims/guaranteed-returns/guaranteed returns", "competitors/acme-01/Acme Outdoors",
                "banned-claims/guaranteed-returns/guaranteed returns"))));

        ScreenResult result = screener(Duration.ofSeconds(5), 0, Duration.ofMillis(50)).screen(TEXT);

        assertThat(result.blocklistMatches()).containsExactly("banned-claims/guaranteed-returns",
                "competitors/acme-01");
        assertThat(result.severities()).containsEntry(HarmCategory.VIOLENCE, 0).hasSize(4);
    }

    @Test
    void withoutBlocklistsNoneAreSent() {
        SERVICE.stubFor(post(urlPathEqualTo(ANALYZE_PATH)).willReturn(okJson(analysis(0, 0, 0, 0))));
        AzureContentSafetySettings settings = ContentSafetyStub.settings(SERVICE, API_KEY, List.of(),
                Duration.ofSeconds(5), 0, Duration.ofMillis(50));

        ContentSafetyStub.screener(vertx, settings, null).screen(TEXT);

        JsonNode body = ContentSafetyStub.json(ContentSafetyStub.requests(SERVICE).get(0));
        assertThat(body.path("blocklistNames").isNull() || body.path("blocklistNames").isMissingNode()).isTrue();
    }

    @Test
    void throttledRequestWaitsForRetryAfterThenSucceeds() {
        SERVICE.stubFor(post(urlPathEqualTo(ANALYZE_PATH)).inScenario("throttled").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("recovered"));
        SERVICE.stubFor(post(urlPathEqualTo(ANALYZE_PATH)).inScenario("throttled").whenScenarioStateIs("recovered")
                .willReturn(okJson(analysis(0, 0, 0, 4))));

        long started = System.nanoTime();
        ScreenResult result = screener(Duration.ofSeconds(5), 2, Duration.ofSeconds(2)).screen(TEXT);

        assertThat(result.severities()).containsEntry(HarmCategory.VIOLENCE, 4);
        assertThat(ContentSafetyStub.requests(SERVICE)).hasSize(2);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @Test
    void throttledOnEveryAttemptIsUnavailable() {
        SERVICE.stubFor(post(urlPathEqualTo(ANALYZE_PATH)).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "0")
                .withBody("{\"error\":{\"code\":\"TooManyRequests\",\"message\":\"Rate limit is exceeded.\"}}")));

        assertThatThrownBy(() -> screener(Duration.ofSeconds(5), 2, Duration.ofMillis(50)).screen(TEXT))
                .isInstanceOf(ScreeningUnavailableException.class)
                .hasMessageContaining("answered HTTP 429 after 2 retries")
                .hasMessageContaining("TooManyRequests");
        assertThat(ContentSafetyStub.requests(SERVICE)).hasSize(3);
    }

    @Test
    void retryAfterLongerThanTheCapFailsAtOnceInsteadOfWaiting() {
        SERVICE.stubFor(post(urlPathEqualTo(ANALYZE_PATH))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120")));

        long started = System.nanoTime();
        assertThatThrownBy(() -> screener(Duration.ofSeconds(5), 3, Duration.ofSeconds(2)).screen(TEXT))
                .isInstanceOf(ScreeningUnavailableException.class)
                .hasMessageContaining("is throttling")
                .hasMessageContaining("PT2M");
        assertThat(ContentSafetyStub.requests(SERVICE)).hasSize(1);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void serverErrorIsRetriedThenSucceeds() {
        SERVICE.stubFor(post(urlPathEqualTo(ANALYZE_PATH)).inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(500)).willSetStateTo("recovered"));
        SERVICE.stubFor(post(urlPathEqualTo(ANALYZE_PATH)).inScenario("flaky").whenScenarioStateIs("recovered")
                .willReturn(okJson(analysis(2, 0, 0, 0))));

        ScreenResult result = screener(Duration.ofSeconds(5), 3, Duration.ofMillis(50)).screen(TEXT);

        assertThat(result.severities()).containsEntry(HarmCategory.HATE, 2);
        assertThat(ContentSafetyStub.requests(SERVICE)).hasSize(2);
    }

    @Test
    void serverErrorOnEveryAttemptIsUnavailableWithoutKeyOrText() {
        SERVICE.stubFor(post(urlPathEqualTo(ANALYZE_PATH)).willReturn(aResponse().withStatus(503)
                .withBody("{\"error\":{\"code\":\"ServiceUnavailable\",\"message\":\"try later\"}}")));

        assertThatThrownBy(() -> screener(Duration.ofSeconds(5), 3, Duration.ofMillis(50)).screen(TEXT))
                .isInstanceOf(ScreeningUnavailableException.class)
                .hasMessageContaining("answered HTTP 503 after 3 retries")
                .hasMessageContaining("ServiceUnavailable")
                .satisfies(failure -> assertThat(stackText(failure)).doesNotContain(API_KEY).doesNotContain(TEXT));
        assertThat(ContentSafetyStub.requests(SERVICE)).hasSize(4);
    }

    @Test
    void refusedKeyIsNotRetried() {
        SERVICE.stubFor(post(urlPathEqualTo(ANALYZE_PATH)).willReturn(aResponse().withStatus(401)
                .withBody(
                        "{\"error\":{\"code\":\"401\",\"message\":\"Access denied due to invalid subscription key.\"}}")));

        assertThatThrownBy(() -> screener(Duration.ofSeconds(5), 3, Duration.ofMillis(50)).screen(TEXT))
                .isInstanceOf(ScreeningUnavailableException.class)
                .hasMessageContaining("refused the credentials: HTTP 401")
                .satisfies(failure -> assertThat(failure.getMessage()).doesNotContain(API_KEY));
        assertThat(ContentSafetyStub.requests(SERVICE)).hasSize(1);
    }

    @Test
    void slowServiceTimesOutQuickly() {
        SERVICE.stubFor(post(urlPathEqualTo(ANALYZE_PATH))
                .willReturn(okJson(analysis(0, 0, 0, 0)).withFixedDelay(3_000)));

        long started = System.nanoTime();
        assertThatThrownBy(() -> screener(Duration.ofMillis(500), 1, Duration.ofMillis(50)).screen(TEXT))
                .isInstanceOf(ScreeningUnavailableException.class)
                .hasMessageContaining("did not finish screening 1 chunk within PT0.5S");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2_000));
    }

    @ParameterizedTest
    @ValueSource(strings = {"<html>gateway error</html>", "{\"categoriesAnalysis\": [{\"category\": \"Hate\", ",
            "{\"blocklistsMatch\":[],\"categoriesAnalysis\":[{\"category\":\"Hate\",\"severity\":0},"
                    + "{\"category\":\"Sexual\",\"severity\":0},{\"category\":\"Violence\",\"severity\":0}]}",
            "{\"blocklistsMatch\":[],\"categoriesAnalysis\":[{\"category\":\"Hate\",\"severity\":0},"
                    + "{\"category\":\"SelfHarm\",\"severity\":0},{\"category\":\"Sexual\",\"severity\":0},"
                    + "{\"category\":\"Violence\",\"severity\":9}]}",
            "{\"blocklistsMatch\":[],\"categoriesAnalysis\":[{\"category\":\"Hate\",\"severity\":0},"
                    + "{\"category\":\"SelfHarm\"},{\"category\":\"Sexual\",\"severity\":0},"
                    + "{\"category\":\"Violence\",\"severity\":0}]}",
            "{\"blocklistsMatch\":[{\"blocklistName\":\"banned-claims\",\"blocklistItemText\":\"x\"}],"
                    + "\"categoriesAnalysis\":[{\"category\":\"Hate\",\"severity\":0},"
                    + "{\"category\":\"SelfHarm\",\"severity\":0},{\"category\":\"Sexual\",\"severity\":0},"
                    + "{\"category\":\"Violence\",\"severity\":0}]}",
            "{}", "[]", ""})
    void incompleteOrUnreadableAnalysisIsUnavailableNeverAPass(String body) {
        SERVICE.stubFor(post(urlPathEqualTo(ANALYZE_PATH)).willReturn(okJson(body)));

        assertThatThrownBy(() -> screener(Duration.ofSeconds(5), 2, Duration.ofMillis(50)).screen(TEXT))
                .isInstanceOf(ScreeningUnavailableException.class)
                .hasMessageContaining("incomplete analysis")
                .satisfies(failure -> assertThat(failure.getMessage()).doesNotContain(TEXT));
        assertThat(ContentSafetyStub.requests(SERVICE)).hasSize(1);
    }

    @Test
    void missingCategoryIsNamed() {
        SERVICE.stubFor(post(urlPathEqualTo(ANALYZE_PATH)).willReturn(okJson("{\"categoriesAnalysis\":["
                + "{\"category\":\"Hate\",\"severity\":0},{\"category\":\"Sexual\",\"severity\":0},"
                + "{\"category\":\"Violence\",\"severity\":0}]}")));

        assertThatThrownBy(() -> screener(Duration.ofSeconds(5), 0, Duration.ofMillis(50)).screen(TEXT))
                .isInstanceOf(ScreeningUnavailableException.class)
                .hasMessageContaining("incomplete analysis: no severity for [SELF_HARM]");
    }

    @Test
    void longTextIsAnalysedInChunksAndTheHighestSeverityWins() {
        String first = words("alpha", 9_000) + " MARKER-ONE " + words("beta", 900);
        String second = words("gamma", 9_000) + " MARKER-TWO " + words("delta", 900);
        String head = first + " " + second + " ";
        String tail = " MARKER-THREE";
        String text = head + words("epsilon", 10_000).substring(0, 25_000 - head.length() - tail.length()) + tail;
        assertThat(text).hasSize(25_000);
        SERVICE.stubFor(post(urlPathEqualTo(ANALYZE_PATH)).withRequestBody(containing("MARKER-ONE"))
                .willReturn(okJson(analysis(2, 0, 1, 0, "banned-claims/guaranteed-returns/guaranteed returns"))));
        SERVICE.stubFor(post(urlPathEqualTo(ANALYZE_PATH)).withRequestBody(containing("MARKER-TWO"))
                .willReturn(okJson(analysis(0, 0, 0, 6, "competitors/acme-01/Acme"))));
        SERVICE.stubFor(post(urlPathEqualTo(ANALYZE_PATH)).withRequestBody(containing("MARKER-THREE"))
                .willReturn(okJson(analysis(1, 3, 0, 0, "banned-claims/guaranteed-returns/guaranteed returns"))));

        ScreenResult result = screener(Duration.ofSeconds(5), 0, Duration.ofMillis(50)).screen(text);

        assertThat(result.severities()).isEqualTo(Map.of(HarmCategory.HATE, 2, HarmCategory.SELF_HARM, 3,
                HarmCategory.SEXUAL, 1, HarmCategory.VIOLENCE, 6));
        assertThat(result.blocklistMatches()).containsExactly("banned-claims/guaranteed-returns",
                "competitors/acme-01");
        List<String> sent = ContentSafetyStub.requests(SERVICE).stream()
                .map(request -> ContentSafetyStub.json(request).path("text").asText())
                .sorted(Comparator.comparingInt(text::indexOf)).toList();
        assertThat(sent).hasSize(3).allSatisfy(chunk -> assertThat(chunk.length())
                .isLessThanOrEqualTo(AzureContentSafetyScreener.MAX_CHUNK_CHARS));
        assertThat(String.join("", sent)).isEqualTo(text);
    }

    @Test
    void oneFailingChunkFailsTheWholeText() {
        String text = words("alpha", 9_990) + " " + words("beta", 5_000) + " MARKER-TWO";
        SERVICE.stubFor(post(urlPathEqualTo(ANALYZE_PATH)).willReturn(okJson(analysis(0, 0, 0, 0))));
        SERVICE.stubFor(post(urlPathEqualTo(ANALYZE_PATH)).withRequestBody(containing("MARKER-TWO"))
                .willReturn(okJson("{\"categoriesAnalysis\":[]}")));

        assertThatThrownBy(() -> screener(Duration.ofSeconds(5), 0, Duration.ofMillis(50)).screen(text))
                .isInstanceOf(ScreeningUnavailableException.class)
                .hasMessageContaining("incomplete analysis of chunk 2 of 2");
    }

    @Test
    void blankTextHoldsNoHarmAndNeedsNoRequest() {
        ScreenResult result = screener(Duration.ofSeconds(5), 0, Duration.ofMillis(50)).screen(" \n\t ");

        assertThat(result.complete()).isTrue();
        assertThat(result.severities().values()).containsOnly(0);
        assertThat(ContentSafetyStub.requests(SERVICE)).isEmpty();
    }

    @Test
    void withoutAKeyAnEntraIdTokenIsSentInstead() {
        SERVICE.stubFor(post(urlPathEqualTo(ANALYZE_PATH)).willReturn(okJson(analysis(0, 0, 0, 0))));
        TokenCredential entraId = request -> Mono.just(
                new AccessToken("entra-test-token", OffsetDateTime.now(ZoneOffset.UTC).plusHours(1)));
        AzureContentSafetySettings settings = ContentSafetyStub.settings(SERVICE, null, BLOCKLISTS,
                Duration.ofSeconds(5), 0, Duration.ofMillis(50));

        ContentSafetyStub.screener(vertx, settings, entraId).screen(TEXT);

        LoggedRequest request = ContentSafetyStub.requests(SERVICE).get(0);
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer entra-test-token");
        assertThat(request.containsHeader("Ocp-Apim-Subscription-Key")).isFalse();
    }

    @Test
    void screeningOnAnEventLoopIsRefusedRatherThanDeadlocked() throws Exception {
        AzureContentSafetyScreener screener = screener(Duration.ofSeconds(5), 0, Duration.ofMillis(50));
        CompletableFuture<Throwable> failure = new CompletableFuture<>();

        vertx.runOnContext(ignored -> {
            try {
                screener.screen(TEXT);
                failure.complete(null);
            } catch (Throwable t) {
                failure.complete(t);
            }
        });

        assertThat(failure.get(5, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("worker thread");
        assertThat(ContentSafetyStub.requests(SERVICE)).isEmpty();
    }

    @Test
    void providerName() {
        assertThat(screener(Duration.ofSeconds(5), 0, Duration.ofMillis(50)).provider())
                .isEqualTo("azure-content-safety");
    }

    private static AzureContentSafetyScreener screener(Duration timeout, int maxRetries, Duration retryDelayCap) {
        return ContentSafetyStub.screener(vertx,
                ContentSafetyStub.settings(SERVICE, API_KEY, BLOCKLISTS, timeout, maxRetries, retryDelayCap), null);
    }

    /** @return {@code word} repeated, space-separated, about {@code length} characters long */
    private static String words(String word, int length) {
        return Stream.generate(() -> word).limit(Math.max(1, length / (word.length() + 1)))
                .collect(Collectors.joining(" "));
    }
}
