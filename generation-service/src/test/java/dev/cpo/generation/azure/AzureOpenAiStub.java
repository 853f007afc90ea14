package dev.cpo.generation.azure;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * A local stand-in for an Azure OpenAI deployment, speaking its REST contract: {@code POST
 * /openai/deployments/cpo-gpt/chat/completions?api-version=...} with an {@code api-key} header. It answers with a
 * grounded draft citing snippet [1] (birthday-rewards, paragraph 0); it filters every friendly-tone prompt (HTTP 400,
 * code content_filter); and it is down (503) for the segment labelled "Outage".
 */
public class AzureOpenAiStub implements QuarkusTestResourceLifecycleManager {

    static final String DEPLOYMENT = "cpo-gpt";
    static final String PATH = "/openai/deployments/" + DEPLOYMENT + "/chat/completions";
    static final String API_KEY = "stub-key-0123456789";
    static WireMockServer server;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        server.stubFor(post(urlPathEqualTo(PATH)).atPriority(1).withRequestBody(containing("Outage"))
                .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"code\":\"ServiceUnavailable\",\"message\":\"busy\"}}")));
        server.stubFor(post(urlPathEqualTo(PATH)).atPriority(2).withRequestBody(containing("Write warmly"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"code\":\"content_filter\",\"message\":\"The response was filtered"
                                + " due to the prompt triggering Azure OpenAI's content management policy.\","
                                + "\"param\":\"prompt\",\"status\":400,\"innererror\":{\"code\":"
                                + "\"ResponsibleAIPolicyViolation\",\"content_filter_result\":{\"hate\":{\"filtered\":"
                                + "false,\"severity\":\"safe\"},\"self_harm\":{\"filtered\":false,\"severity\":"
                                + "\"safe\"},\"sexual\":{\"filtered\":false,\"severity\":\"safe\"},\"violence\":"
                                + "{\"filtered\":true,\"severity\":\"medium\"}}}}}")));
        server.stubFor(post(urlPathEqualTo(PATH)).atPriority(3).withQueryParam("api-version", equalTo("2024-10-21"))
                .withHeader("api-key", equalTo(API_KEY)).willReturn(aResponse().withStatus(200)
                        .withHeader("Content-Type", "application/json").withBody(completion())));
        return Map.ofEntries(Map.entry("cpo.generation.provider", "azure-openai"),
                Map.entry("cpo.generation.openai.endpoint", server.baseUrl()),
                Map.entry("cpo.generation.openai.deployment", DEPLOYMENT),
                Map.entry("cpo.generation.openai.api-key", API_KEY),
                Map.entry("cpo.generation.openai.max-attempts", "2"),
                Map.entry("cpo.generation.openai.max-retry-wait", "PT0.05S"),
                Map.entry("cpo.generation.price.input-per-1k", "0.00015"),
                Map.entry("cpo.generation.price.output-per-1k", "0.0006"));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private static String completion() {
        ObjectNode reply = JSON.createObjectNode();
        reply.put("subject", "Your birthday voucher is waiting");
        reply.put("body", "Every Trail Club member gets a birthday voucher on the first day of their birthday month"
                + " [1]. The voucher is valid for 30 days and can be used online or in store, with no minimum spend"
                + " [1]. " + "Come and see what is new for the season in our stores and online. ".repeat(11).strip());
        ArrayNode citations = reply.putArray("citations");
        citations.addObject().put("marker", 1).put("documentId", "birthday-rewards").put("paragraphIndex", 0);
        ObjectNode completion = JSON.createObjectNode();
        completion.put("id", "chatcmpl-stub");
        completion.put("object", "chat.completion");
        completion.put("created", 1_735_689_600L);
        completion.put("model", "gpt-4o-mini-2024-07-18");
        ObjectNode choice = completion.putArray("choices").addObject();
        choice.put("index", 0);
        choice.put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", reply.toString());
        completion.putObject("usage").put("prompt_tokens", 900).put("completion_tokens", 320).put("total_tokens",
                1220);
        return completion.toString();
    }
}
