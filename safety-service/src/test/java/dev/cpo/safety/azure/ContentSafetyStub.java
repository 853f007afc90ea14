package dev.cpo.safety.azure;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.azure.core.credential.TokenCredential;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.vertx.core.Vertx;
import io.vertx.core.net.PemTrustOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A local HTTPS stand-in for Azure AI Content Safety: WireMock on a dynamic port of 127.0.0.1, serving a self-signed
 * certificate (test-only, {@code src/test/resources/azure/stub-keystore.p12}, password {@value #STORE_PASSWORD}) that
 * the screeners built here trust through {@code stub-cert.pem}. HTTPS because azure-core refuses to send a key or
 * token over plain HTTP.
 */
final class ContentSafetyStub {

    static final String API_KEY = "stub-content-safety-key-not-a-secret";
    static final String API_VERSION = "2023-10-01";
    static final String ANALYZE_PATH = "/contentsafety/text:analyze";

    private static final String STORE_PASSWORD = "changeit";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ContentSafetyStub() {
    }

    /** @return the stub, restarted empty for every test */
    static WireMockExtension server() {
        return WireMockExtension.newInstance()
                .options(wireMockConfig().httpDisabled(true).dynamicHttpsPort().bindAddress("127.0.0.1")
                        .keystorePath(resource("stub-keystore.p12").toString()).keystoreType("PKCS12")
                        .keystorePassword(STORE_PASSWORD).keyManagerPassword(STORE_PASSWORD))
                .build();
    }

    static AzureContentSafetySettings settings(WireMockExtension server, String apiKey, List<String> blocklistNames,
            Duration timeout, int maxRetries, Duration retryDelayCap) {
        return new AzureContentSafetySettings(
                URI.create("https://127.0.0.1:" + server.getRuntimeInfo().getHttpsPort() + "/"),
                Optional.ofNullable(apiKey), blocklistNames, timeout, maxRetries, retryDelayCap);
    }

    /** A screener that trusts the stub's certificate, and only it. */
    static AzureContentSafetyScreener screener(Vertx vertx, AzureContentSafetySettings settings,
            TokenCredential tokenCredential) {
        PemTrustOptions stubCertificate = new PemTrustOptions().addCertPath(resource("stub-cert.pem").toString());
        return new AzureContentSafetyScreener(settings, vertx, options -> options.setTrustOptions(stubCertificate),
                tokenCredential);
    }

    /** @return an analysis answer: the four categories with these severities, and these blocklist matches */
    static String analysis(int hate, int selfHarm, int sexual, int violence, String... blocklistMatches) {
        StringBuilder matches = new StringBuilder();
        for (String match : blocklistMatches) {
            String[] parts = match.split("/", 3);
            if (matches.length() > 0) {
                matches.append(',');
            }
            matches.append("{\"blocklistName\":\"").append(parts[0]).append("\",\"blocklistItemId\":\"")
                    .append(parts[1]).append("\",\"blocklistItemText\":\"").append(parts[2]).append("\"}");
        }
        return "{\"blocklistsMatch\":[" + matches + "],\"categoriesAnalysis\":["
                + "{\"category\":\"Hate\",\"severity\":" + hate + "},"
                + "{\"category\":\"SelfHarm\",\"severity\":" + selfHarm + "},"
                + "{\"category\":\"Sexual\",\"severity\":" + sexual + "},"
                + "{\"category\":\"Violence\",\"severity\":" + violence + "}]}";
    }

    static JsonNode json(LoggedRequest request) {
        try {
            return JSON.readTree(request.getBodyAsString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the requests the stub received, oldest first */
    static List<LoggedRequest> requests(WireMockExtension server) {
        List<LoggedRequest> requests = new ArrayList<>(
                server.getAllServeEvents().stream().map(event -> event.getRequest()).toList());
        Collections.reverse(requests);
        return requests;
    }

    static String stackText(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            text.append(t).append('\n');
        }
        return text.toString();
    }

    private static Path resource(String name) {
        try {
            return Path.of(ContentSafetyStub.class.getResource("/azure/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing test resource azure/" + name, e);
        }
    }
}
