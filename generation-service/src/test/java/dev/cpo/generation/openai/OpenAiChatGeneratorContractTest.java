package dev.cpo.generation.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.cpo.events.Segment;
import dev.cpo.events.Snippet;
import dev.cpo.events.Tone;
import dev.cpo.generation.generate.DraftCitation;
import dev.cpo.generation.generate.GenerationOutcome;
import dev.cpo.generation.generate.GenerationRequest;
import dev.cpo.generation.generate.GenerationUnavailableException;
import dev.cpo.generation.generate.Usage;
import dev.cpo.generation.generate.VariantValidator;
import dev.cpo.generation.prompt.PromptTemplates;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The OpenAI-compatible generator against a local stub of the documented REST contract: Azure OpenAI
 * ({@code /openai/deployments/{deployment}/chat/completions?api-version=...}, header {@code api-key}) and the OpenAI
 * API ({@code /v1/chat/completions}, {@code Authorization: Bearer}). Waits between attempts go to a recording fake,
 * which also moves the clock, so nothing really sleeps except the one timeout test.
 */
class OpenAiChatGeneratorContractTest {

    private static final String KEY = "azure-test-key-0123456789abcdef";
    private static final String OPENAI_KEY = "sk-test-0123456789abcdefghij";
    private static final String ENTRA_TOKEN = "eyJ0eXAiOiJKV1QifQ.eyJhdWQiOiJjb2duaXRpdmUifQ.c2lnbmF0dXJl";
    private static final String DEPLOYMENT = "gpt-4o-mini-variants";
    private static final String AZURE_PATH = "/openai/deployments/" + DEPLOYMENT + "/chat/completions";
    private static final String OPENAI_PATH = "/v1/chat/completions";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PromptTemplates TEMPLATES = PromptTemplates.fromClasspath();

    private static final Segment SEGMENT = new Segment("lapsed-high-value", "Lapsed high-value", "rfm-rules",
            "rfm-v1");
    private static final List<Snippet> SNIPPETS = List.of(
            new Snippet("birthday-rewards", "Birthday vouchers for Trail Club members", 0,
                    "Every Trail Club member gets a birthday voucher worth 15 euros, valid for 30 days.", 0.9,
                    "corpus/birthday-rewards.json"),
            new Snippet("free-repairs", "Free repairs on waterproof jackets", 2,
                    "Trail Club members get free repairs on waterproof jackets bought at Fernhill.", 0.8,
                    "corpus/free-repairs.json"));
    private static final GenerationRequest REQUEST = GenerationRequest.first(SEGMENT, SNIPPETS, Tone.FRIENDLY);

    private static WireMockServer server;

    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private final MovingClock clock = new MovingClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final List<OpenAiChatGenerator> generators = new ArrayList<>();

    @BeforeAll
    static void startStub() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
    }

    @AfterAll
    static void stopStub() {
        server.stop();
    }

    @BeforeEach
    void resetStub() {
        server.resetAll();
    }

    @AfterEach
    void closeGenerators() {
        generators.forEach(OpenAiChatGenerator::close);
    }

    // --- success, per mode ---

    @Test
    void azureSendsTheDocumentedRequestAndReadsTheDraft() throws Exception {
        server.stubFor(azure().willReturn(ok(chatCompletion(validReply(), "stop", true, 812, 301))));

        GenerationOutcome outcome = generator(azureSettings()).generate(REQUEST);

        assertThat(outcome).isInstanceOf(GenerationOutcome.Draft.class);
        GenerationOutcome.Draft draft = (GenerationOutcome.Draft) outcome;
        assertThat(draft.subject()).isEqualTo("A birthday treat from Trail Club");
        assertThat(draft.body()).startsWith("Thank you for being a Trail Club member").contains("[1]", "[2]");
        assertThat(draft.citations()).containsExactly(new DraftCitation(1, "birthday-rewards", 0),
                new DraftCitation(2, "free-repairs", 2));
        assertThat(draft.usage()).isEqualTo(new Usage(812, 301));
        assertThat(waits).isEmpty();

        LoggedRequest sent = onlyRequest();
        assertThat(sent.getUrl()).startsWith(AZURE_PATH + "?");
        assertThat(sent.queryParameter("api-version").firstValue()).isEqualTo("2024-10-21");
        assertThat(sent.getHeader("api-key")).isEqualTo(KEY);
        assertThat(sent.containsHeader("Authorization")).isFalse();
        assertThat(sent.containsHeader("X-Stainless-OS")).as("SDK telemetry headers are off").isFalse();
        assertThat(sent.getHeader("Content-Type")).startsWith("application/json");

        JsonNode body = JSON.readTree(sent.getBodyAsString());
        // The SDK always writes the model; Azure routes by the deployment in the path and ignores it.
        assertThat(body.path("model").asText()).isEqualTo(DEPLOYMENT);
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.7);
        assertThat(body.path("max_completion_tokens").asInt()).isEqualTo(800);
        assertThat(body.has("max_tokens")).isFalse();
        assertThat(body.has("stream")).isFalse();
        JsonNode messages = body.path("messages");
        assertThat(messages).hasSize(2);
        assertThat(messages.get(0).path("role").asText()).isEqualTo("system");
        assertThat(messages.get(0).path("content").asText()).contains("Fernhill Outfitters", "Lapsed high-value");
        assertThat(messages.get(1).path("role").asText()).isEqualTo("user");
        assertThat(messages.get(1).path("content").asText()).contains(
                "[1] Birthday vouchers for Trail Club members (documentId birthday-rewards, paragraphIndex 0)",
                "[2] Free repairs on waterproof jackets (documentId free-repairs, paragraphIndex 2)");
        assertResponseFormatIsTheStrictSchema(body.path("response_format"));
    }

    @Test
    void openAiModePostsToTheBaseUrlWithABearerKeyAndTheModel() throws Exception {
        server.stubFor(post(urlPathEqualTo(OPENAI_PATH))
                .willReturn(ok(chatCompletion(validReply(), "stop", false, 640, 275))));

        OpenAiChatGenerator generator = generator(OpenAiSettings.openAi(server.baseUrl() + "/v1/", "gpt-4o-mini",
                Optional.of(OPENAI_KEY)));
        GenerationOutcome outcome = generator.generate(REQUEST);

        assertThat(generator.provider()).isEqualTo("openai");
        assertThat(generator.model()).isEqualTo("gpt-4o-mini");
        assertThat(outcome).isInstanceOf(GenerationOutcome.Draft.class);
        assertThat(outcome.usage()).isEqualTo(new Usage(640, 275));
        LoggedRequest sent = onlyRequest();
        assertThat(sent.getUrl()).isEqualTo(OPENAI_PATH);
        assertThat(sent.getHeader("Authorization")).isEqualTo("Bearer " + OPENAI_KEY);
        assertThat(sent.containsHeader("api-key")).isFalse();
        JsonNode body = JSON.readTree(sent.getBodyAsString());
        assertThat(body.path("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(body.path("messages")).hasSize(2);
        assertResponseFormatIsTheStrictSchema(body.path("response_format"));
    }

    @Test
    void openAiModeWithoutAKeySendsNoCredentialsAndToleratesAMissingUsage() throws Exception {
        ObjectNode completion = chatCompletion(validReply(), "stop", false, 0, 0);
        completion.remove("usage");
        server.stubFor(post(urlPathEqualTo(OPENAI_PATH)).willReturn(ok(completion)));

        GenerationOutcome outcome = generator(OpenAiSettings.openAi(server.baseUrl() + "/v1", "llama3.1:8b",
                Optional.empty())).generate(REQUEST);

        assertThat(outcome).isInstanceOf(GenerationOutcome.Draft.class);
        assertThat(outcome.usage()).isEqualTo(Usage.NONE);
        LoggedRequest sent = onlyRequest();
        assertThat(sent.containsHeader("Authorization")).isFalse();
        assertThat(sent.containsHeader("api-key")).isFalse();
        assertThat(JSON.readTree(sent.getBodyAsString()).path("model").asText()).isEqualTo("llama3.1:8b");
    }

    @Test
    void azureWithAnEntraTokenSendsABearerTokenAndTheConfiguredApiVersion() {
        server.stubFor(azure().willReturn(ok(chatCompletion(validReply(), "stop", true, 10, 20))));

        OpenAiChatGenerator generator = generator(OpenAiSettings
                .azureWithEntraToken(server.baseUrl(), DEPLOYMENT, ENTRA_TOKEN).withApiVersion("2025-03-01-preview"));
        GenerationOutcome outcome = generator.generate(REQUEST);

        assertThat(generator.provider()).isEqualTo("azure-openai");
        assertThat(generator.model()).isEqualTo(DEPLOYMENT);
        assertThat(outcome).isInstanceOf(GenerationOutcome.Draft.class);
        LoggedRequest sent = onlyRequest();
        assertThat(sent.getUrl()).startsWith(AZURE_PATH + "?");
        assertThat(sent.queryParameter("api-version").firstValue()).isEqualTo("2025-03-01-preview");
        assertThat(sent.getHeader("Authorization")).isEqualTo("Bearer " + ENTRA_TOKEN);
        assertThat(sent.containsHeader("api-key")).isFalse();
    }

    // --- retries ---

    @Test
    void retriesA429AfterTheRetryAfterSecondsAndCountsTheWaitInTheLatency() {
        server.stubFor(azure().inScenario("throttled").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(rateLimited().withHeader("retry-after", "2")).willSetStateTo("recovered"));
        server.stubFor(azure().inScenario("throttled").whenScenarioStateIs("recovered")
                .willReturn(ok(chatCompletion(validReply(), "stop", true, 812, 301))));

        GenerationOutcome outcome = generator(azureSettings()).generate(REQUEST);

        assertThat(outcome).isInstanceOf(GenerationOutcome.Draft.class);
        assertThat(waits).containsExactly(Duration.ofSeconds(2));
        assertThat(requestCount()).isEqualTo(2);
        assertThat(outcome.latencyMillis()).as("the clock only moves while pausing").isEqualTo(2000);
        assertThat(outcome.usage()).isEqualTo(new Usage(812, 301));
    }

    @Test
    void capsAHugeRetryAfterAtMaxRetryWait() {
        server.stubFor(azure().inScenario("throttled").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(rateLimited().withHeader("retry-after", "3600")).willSetStateTo("recovered"));
        server.stubFor(azure().inScenario("throttled").whenScenarioStateIs("recovered")
                .willReturn(ok(chatCompletion(validReply(), "stop", true, 1, 1))));

        GenerationOutcome outcome = generator(azureSettings().withMaxRetryWait(Duration.ofSeconds(5)))
                .generate(REQUEST);

        assertThat(outcome).isInstanceOf(GenerationOutcome.Draft.class);
        assertThat(waits).containsExactly(Duration.ofSeconds(5));
    }

    @Test
    void prefersRetryAfterMsOverRetryAfter() {
        server.stubFor(azure().inScenario("throttled").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(rateLimited().withHeader("retry-after-ms", "1250").withHeader("retry-after", "2"))
                .willSetStateTo("recovered"));
        server.stubFor(azure().inScenario("throttled").whenScenarioStateIs("recovered")
                .willReturn(ok(chatCompletion(validReply(), "stop", true, 1, 1))));

        assertThat(generator(azureSettings()).generate(REQUEST)).isInstanceOf(GenerationOutcome.Draft.class);
        assertThat(waits).containsExactly(Duration.ofMillis(1250));
    }

    @Test
    void readsARetryAfterHttpDate() {
        server.stubFor(azure().inScenario("throttled").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(rateLimited().withHeader("Retry-After", "Wed, 01 Jan 2025 00:00:07 GMT"))
                .willSetStateTo("recovered"));
        server.stubFor(azure().inScenario("throttled").whenScenarioStateIs("recovered")
                .willReturn(ok(chatCompletion(validReply(), "stop", true, 1, 1))));

        assertThat(generator(azureSettings()).generate(REQUEST)).isInstanceOf(GenerationOutcome.Draft.class);
        assertThat(waits).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void retriesA500WithBackoffThenSucceeds() {
        server.stubFor(azure().inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(serverError(500)).willSetStateTo("recovered"));
        server.stubFor(azure().inScenario("flaky").whenScenarioStateIs("recovered")
                .willReturn(ok(chatCompletion(validReply(), "stop", true, 5, 6))));

        GenerationOutcome outcome = generator(azureSettings()).generate(REQUEST);

        assertThat(outcome).isInstanceOf(GenerationOutcome.Draft.class);
        assertThat(requestCount()).isEqualTo(2);
        assertThat(waits).hasSize(1);
        assertThat(waits.get(0)).as("500 ms shortened by at most a quarter of jitter")
                .isBetween(Duration.ofMillis(375), Duration.ofMillis(500));
    }

    @Test
    void givesUpAfterMaxAttemptsOfServerErrorsWithDoublingWaits() {
        server.stubFor(azure().willReturn(serverError(503)));

        OpenAiChatGenerator generator = new OpenAiChatGenerator(azureSettings(), TEMPLATES, this::pause, clock,
                () -> 0.0);
        generators.add(generator);

        assertThatThrownBy(() -> generator.generate(REQUEST)).isInstanceOf(GenerationUnavailableException.class)
                .hasMessageContaining("after 3 attempts").hasMessageContaining("HTTP 503")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(KEY));
        assertThat(requestCount()).isEqualTo(3);
        assertThat(waits).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1));
    }

    @Test
    void retriesATimeoutThenGivesUp() {
        server.stubFor(azure().willReturn(ok(chatCompletion(validReply(), "stop", true, 1, 1))
                .withFixedDelay(1_000)));
        OpenAiSettings settings = azureSettings().withTimeout(Duration.ofMillis(300)).withMaxAttempts(2);

        long started = System.nanoTime();
        assertThatThrownBy(() -> generator(settings).generate(REQUEST))
                .isInstanceOf(GenerationUnavailableException.class).hasMessageContaining("after 2 attempts")
                .hasMessageContaining("timeout after 300 ms");
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(tookMillis).as("each attempt is cut at the timeout").isLessThan(1_400);
        assertThat(waits).hasSize(1);
        assertThat(awaitRequestCount(2)).isEqualTo(2);
    }

    @Test
    void retries408And409Too() {
        server.stubFor(azure().inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(serverError(408)).willSetStateTo("conflict"));
        server.stubFor(azure().inScenario("busy").whenScenarioStateIs("conflict")
                .willReturn(serverError(409)).willSetStateTo("recovered"));
        server.stubFor(azure().inScenario("busy").whenScenarioStateIs("recovered")
                .willReturn(ok(chatCompletion(validReply(), "stop", true, 1, 1))));

        assertThat(generator(azureSettings()).generate(REQUEST)).isInstanceOf(GenerationOutcome.Draft.class);
        assertThat(requestCount()).isEqualTo(3);
        assertThat(waits).hasSize(2);
    }

    @Test
    void retriesAConnectionResetThenGivesUp() {
        server.stubFor(azure().willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThatThrownBy(() -> generator(azureSettings().withMaxAttempts(2)).generate(REQUEST))
                .isInstanceOf(GenerationUnavailableException.class).hasMessageContaining("after 2 attempts")
                .hasMessageContaining("I/O error");
        assertThat(requestCount()).isEqualTo(2);
        assertThat(waits).hasSize(1);
    }

    @Test
    void a200ThatIsNotAChatCompletionIsUnusableAndNotRetried() {
        server.stubFor(azure().willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html")
                .withBody("<html><body>Gateway login</body></html>")));

        GenerationOutcome outcome = generator(azureSettings()).generate(REQUEST);

        assertThat(outcome).isInstanceOf(GenerationOutcome.Unusable.class);
        assertThat(((GenerationOutcome.Unusable) outcome).reason()).contains("not a readable chat completion");
        assertThat(requestCount()).isEqualTo(1);
    }

    @Test
    void a401IsAConfigurationProblemAndNotRetried() {
        server.stubFor(azure().willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"401\",\"message\":\"Access denied due to invalid subscription key"
                        + " or wrong API endpoint. Key azure-test-key-0123 was rejected.\"}}")));

        assertThatThrownBy(() -> generator(azureSettings()).generate(REQUEST))
                .isInstanceOf(GenerationUnavailableException.class).hasMessageContaining("HTTP 401")
                .hasMessageContaining("not retried").satisfies(e -> {
                    assertThat(e.getMessage()).doesNotContain("azure-test-key");
                    assertThat(e.getCause()).as("the SDK's exception quotes the server's message").isNull();
                });
        assertThat(requestCount()).isEqualTo(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void a404NamesTheLikelyMisconfiguration() {
        server.stubFor(azure().willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"DeploymentNotFound\",\"message\":\"The API deployment for this"
                        + " resource does not exist.\"}}")));

        assertThatThrownBy(() -> generator(azureSettings()).generate(REQUEST))
                .isInstanceOf(GenerationUnavailableException.class)
                .hasMessageContaining("HTTP 404, code DeploymentNotFound").hasMessageContaining("deployment name");
        assertThat(requestCount()).isEqualTo(1);
    }

    @Test
    void anOrdinary400IsNotRetried() {
        server.stubFor(azure().willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"Unsupported parameter: 'max_completion_tokens'.\","
                        + "\"type\":\"invalid_request_error\",\"param\":\"max_completion_tokens\","
                        + "\"code\":\"unsupported_parameter\"}}")));

        assertThatThrownBy(() -> generator(azureSettings()).generate(REQUEST))
                .isInstanceOf(GenerationUnavailableException.class)
                .hasMessageContaining("HTTP 400, code unsupported_parameter, param max_completion_tokens");
        assertThat(requestCount()).isEqualTo(1);
        assertThat(waits).isEmpty();
    }

    // --- content filters and refusals ---

    @Test
    void finishReasonContentFilterIsFilteredAndNamesTheCategories() {
        ObjectNode completion = chatCompletion((String) null, "content_filter", true, 812, 12);
        ObjectNode results = (ObjectNode) completion.path("choices").get(0).path("content_filter_results");
        results.putObject("violence").put("filtered", true).put("severity", "medium");

        GenerationOutcome outcome = generatorReturning(completion).generate(REQUEST);

        assertThat(outcome).isInstanceOf(GenerationOutcome.Filtered.class);
        assertThat(((GenerationOutcome.Filtered) outcome).reason()).contains("content filter", "(violence)")
                .doesNotContain("hate");
        assertThat(outcome.usage()).isEqualTo(new Usage(812, 12));
        assertThat(requestCount()).isEqualTo(1);
    }

    @Test
    void anAzure400ContentFilterIsFilteredNotAnError() {
        server.stubFor(azure().willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("""
                        {"error":{"message":"The response was filtered due to the prompt triggering Azure OpenAI's \
                        content management policy. Please modify your prompt and retry.","type":null,\
                        "param":"prompt","code":"content_filter","status":400,"innererror":{\
                        "code":"ResponsibleAIPolicyViolation","content_filter_result":{\
                        "hate":{"filtered":true,"severity":"high"},\
                        "jailbreak":{"filtered":false,"detected":false},\
                        "self_harm":{"filtered":false,"severity":"safe"},\
                        "sexual":{"filtered":false,"severity":"safe"},\
                        "violence":{"filtered":false,"severity":"safe"}}}}}""")));

        GenerationOutcome outcome = generator(azureSettings()).generate(REQUEST);

        assertThat(outcome).isInstanceOf(GenerationOutcome.Filtered.class);
        assertThat(((GenerationOutcome.Filtered) outcome).reason()).contains("rejected the prompt", "(hate)");
        assertThat(outcome.usage()).isEqualTo(Usage.NONE);
        assertThat(requestCount()).isEqualTo(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void aRefusalIsFiltered() {
        ObjectNode completion = chatCompletion((String) null, "stop", false, 100, 9);
        ((ObjectNode) completion.path("choices").get(0).path("message")).put("refusal",
                "I'm sorry, I can't help with that.");

        GenerationOutcome outcome = generatorReturning(completion).generate(REQUEST);

        assertThat(outcome).isEqualTo(new GenerationOutcome.Filtered("model refused", new Usage(100, 9), 0));
    }

    // --- unusable replies ---

    @Test
    void aReplyThatIsNotJsonIsUnusableWithoutBeingQuoted() {
        GenerationOutcome outcome = generatorReturning(
                chatCompletion("Sure! Here is your e-mail: Dear customer...", "stop", true, 800, 120))
                .generate(REQUEST);

        assertThat(outcome).isInstanceOf(GenerationOutcome.Unusable.class);
        assertThat(((GenerationOutcome.Unusable) outcome).reason()).isEqualTo("the reply is not JSON")
                .doesNotContain("Dear customer");
        assertThat(outcome.usage()).isEqualTo(new Usage(800, 120));
    }

    @Test
    void aJsonArrayIsNotAnObject() {
        GenerationOutcome outcome = generatorReturning(chatCompletion("[1, 2]", "stop", true, 1, 1))
                .generate(REQUEST);

        assertThat(outcome).isInstanceOf(GenerationOutcome.Unusable.class);
        assertThat(((GenerationOutcome.Unusable) outcome).reason()).isEqualTo("the reply is not a JSON object");
    }

    @Test
    void aReplyWithoutCitationsIsUnusable() {
        ObjectNode reply = validReply();
        reply.remove("citations");

        GenerationOutcome outcome = generatorReturning(chatCompletion(reply, "stop", true, 1, 1)).generate(REQUEST);

        assertThat(outcome).isInstanceOf(GenerationOutcome.Unusable.class);
        assertThat(((GenerationOutcome.Unusable) outcome).reason()).contains("citations are missing");
    }

    @Test
    void aCitationWithAWrongTypeIsUnusable() {
        ObjectNode reply = validReply();
        ((ObjectNode) reply.path("citations").get(1)).put("marker", "two");

        GenerationOutcome outcome = generatorReturning(chatCompletion(reply, "stop", true, 1, 1)).generate(REQUEST);

        assertThat(outcome).isInstanceOf(GenerationOutcome.Unusable.class);
        assertThat(((GenerationOutcome.Unusable) outcome).reason())
                .isEqualTo("the reply's citations[1].marker is missing or not an integer");
    }

    @Test
    void aReplyCutOffAtTheTokenLimitIsUnusable() {
        GenerationOutcome outcome = generatorReturning(chatCompletion("{\"subject\": \"A birthday tr", "length",
                true, 812, 800)).generate(REQUEST);

        assertThat(outcome).isInstanceOf(GenerationOutcome.Unusable.class);
        assertThat(((GenerationOutcome.Unusable) outcome).reason()).contains("cut off", "800");
    }

    @Test
    void aReplyInAMarkdownCodeFenceIsStillRead() throws Exception {
        String fenced = "```json\n" + JSON.writeValueAsString(validReply()) + "\n```";

        GenerationOutcome outcome = generatorReturning(chatCompletion(fenced, "stop", false, 1, 1)).generate(REQUEST);

        assertThat(outcome).isInstanceOf(GenerationOutcome.Draft.class);
    }

    // --- grounding is the validator's job ---

    @Test
    void citationsOfSnippetsNotProvidedPassThroughToTheValidator() {
        ObjectNode reply = validReply();
        ((ObjectNode) reply.path("citations").get(1)).put("documentId", "summer-sale").put("paragraphIndex", 4);

        GenerationOutcome outcome = generatorReturning(chatCompletion(reply, "stop", true, 1, 1)).generate(REQUEST);

        assertThat(outcome).isInstanceOf(GenerationOutcome.Draft.class);
        GenerationOutcome.Draft draft = (GenerationOutcome.Draft) outcome;
        assertThat(draft.citations()).contains(new DraftCitation(2, "summer-sale", 4));
        assertThat(new VariantValidator().problems(draft, SNIPPETS))
                .contains("citation [2] points at a snippet that was not provided")
                .noneMatch(problem -> problem.startsWith("citation [1]"));
    }

    // --- helpers ---

    private OpenAiSettings azureSettings() {
        return OpenAiSettings.azureWithKey(server.baseUrl(), DEPLOYMENT, KEY);
    }

    private OpenAiChatGenerator generator(OpenAiSettings settings) {
        OpenAiChatGenerator generator = new OpenAiChatGenerator(settings, TEMPLATES, this::pause, clock);
        generators.add(generator);
        return generator;
    }

    private OpenAiChatGenerator generatorReturning(ObjectNode completion) {
        server.stubFor(azure().willReturn(ok(completion)));
        return generator(azureSettings());
    }

    private void pause(Duration duration) {
        waits.add(duration);
        clock.advance(duration);
    }

    private static MappingBuilder azure() {
        return post(urlPathEqualTo(AZURE_PATH));
    }

    private static ResponseDefinitionBuilder ok(ObjectNode body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withHeader("apim-request-id", "6f1c0c4e-7f7a-4a9e-9a55-0c1d2e3f4a5b").withBody(body.toString());
    }

    private static ResponseDefinitionBuilder rateLimited() {
        return aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"429\",\"message\":\"Requests to the ChatCompletions_Create"
                        + " Operation under Azure OpenAI API version 2024-10-21 have exceeded token rate limit of"
                        + " your current OpenAI S0 pricing tier. Please retry after 2 seconds.\"}}");
    }

    private static ResponseDefinitionBuilder serverError(int status) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"InternalServerError\",\"message\":\"The server had an error"
                        + " while processing your request. Sorry about that!\"}}");
    }

    /** A reply as the schema asks for: two citations, both of provided snippets. */
    private static ObjectNode validReply() {
        ObjectNode reply = JSON.createObjectNode();
        reply.put("subject", "A birthday treat from Trail Club");
        reply.put("body", "Thank you for being a Trail Club member. Every member gets a birthday voucher worth 15"
                + " euros, valid for 30 days [1]. Your waterproof jacket is looked after too: members get free"
                + " repairs on waterproof jackets bought at Fernhill [2].");
        ArrayNode citations = reply.putArray("citations");
        citations.addObject().put("marker", 1).put("documentId", "birthday-rewards").put("paragraphIndex", 0);
        citations.addObject().put("marker", 2).put("documentId", "free-repairs").put("paragraphIndex", 2);
        return reply;
    }

    private static ObjectNode chatCompletion(ObjectNode reply, String finishReason, boolean azure, int promptTokens,
            int completionTokens) {
        return chatCompletion(reply.toString(), finishReason, azure, promptTokens, completionTokens);
    }

    /**
     * A chat.completion object as the REST API returns it; Azure's also carries prompt_filter_results and
     * content_filter_results.
     */
    private static ObjectNode chatCompletion(String content, String finishReason, boolean azure, int promptTokens,
            int completionTokens) {
        ObjectNode completion = JSON.createObjectNode();
        completion.put("id", "chatcmpl-AqXb3kLmN0pQrStUvWxYz12345");
        completion.put("object", "chat.completion");
        completion.put("created", 1_735_689_600L);
        completion.put("model", "gpt-4o-mini-2024-07-18");
        completion.put("system_fingerprint", "fp_f3927aa00d");
        if (azure) {
            ObjectNode promptFilter = completion.putArray("prompt_filter_results").addObject();
            promptFilter.put("prompt_index", 0);
            promptFilter.set("content_filter_results", safeFilterResults());
        }
        ObjectNode choice = completion.putArray("choices").addObject();
        choice.put("index", 0);
        choice.put("finish_reason", finishReason);
        choice.putNull("logprobs");
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        if (content == null) {
            message.putNull("content");
        } else {
            message.put("content", content);
        }
        message.putNull("refusal");
        if (azure) {
            choice.set("content_filter_results", safeFilterResults());
        }
        ObjectNode usage = completion.putObject("usage");
        usage.put("prompt_tokens", promptTokens);
        usage.put("completion_tokens", completionTokens);
        usage.put("total_tokens", promptTokens + completionTokens);
        return completion;
    }

    private static ObjectNode safeFilterResults() {
        ObjectNode results = JSON.createObjectNode();
        for (String category : List.of("hate", "self_harm", "sexual", "violence")) {
            results.putObject(category).put("filtered", false).put("severity", "safe");
        }
        return results;
    }

    private static void assertResponseFormatIsTheStrictSchema(JsonNode format) {
        assertThat(format.path("type").asText()).isEqualTo("json_schema");
        JsonNode jsonSchema = format.path("json_schema");
        assertThat(jsonSchema.path("name").asText()).isEqualTo(OpenAiChatGenerator.SCHEMA_NAME);
        assertThat(jsonSchema.path("strict").asBoolean()).isTrue();
        JsonNode schema = jsonSchema.path("schema");
        assertThat(schema.path("type").asText()).isEqualTo("object");
        assertThat(schema.path("additionalProperties").isBoolean()).isTrue();
        assertThat(schema.path("additionalProperties").asBoolean()).isFalse();
        assertThat(texts(schema.path("required"))).containsExactly("subject", "body", "citations");
        assertThat(schema.path("properties").path("subject").path("type").asText()).isEqualTo("string");
        assertThat(schema.path("properties").path("body").path("type").asText()).isEqualTo("string");
        JsonNode citations = schema.path("properties").path("citations");
        assertThat(citations.path("type").asText()).isEqualTo("array");
        JsonNode item = citations.path("items");
        assertThat(item.path("type").asText()).isEqualTo("object");
        assertThat(item.path("additionalProperties").asBoolean(true)).isFalse();
        assertThat(texts(item.path("required"))).containsExactly("marker", "documentId", "paragraphIndex");
        assertThat(item.path("properties").path("marker").path("type").asText()).isEqualTo("integer");
        assertThat(item.path("properties").path("documentId").path("type").asText()).isEqualTo("string");
        assertThat(item.path("properties").path("paragraphIndex").path("type").asText()).isEqualTo("integer");
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private static LoggedRequest onlyRequest() {
        List<LoggedRequest> requests = server.findAll(postRequestedFor(anyUrl()));
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }

    private static int requestCount() {
        return server.findAll(postRequestedFor(anyUrl())).size();
    }

    /** A delayed response is journaled when the stub finishes it, after the client gave up. */
    private static int awaitRequestCount(int expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        int count = requestCount();
        while (count < expected && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            count = requestCount();
        }
        return count;
    }

    /** A clock that only moves when told to, as the fake pause does. */
    private static final class MovingClock extends Clock {

        private volatile Instant now;

        MovingClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
