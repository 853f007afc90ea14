package dev.cpo.retrieval.azure;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.azure.core.credential.TokenCredential;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.extension.Extension;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.vertx.core.Vertx;
import io.vertx.core.net.PemTrustOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A local HTTPS stand-in for Azure AI Search: WireMock on a dynamic port of 127.0.0.1, serving a self-signed
 * certificate (test-only, {@code src/test/resources/azure/stub-keystore.p12}, password {@value #STORE_PASSWORD})
 * that the clients built here trust through {@code stub-cert.pem}. HTTPS because azure-core refuses to send a key or
 * token over plain HTTP.
 */
final class AzureSearchStub {

    static final String INDEX = "cpo-content";
    static final String API_KEY = "stub-admin-key-not-a-secret";
    static final String API_VERSION = "2025-09-01";
    static final String SEARCH_PATH = "/indexes('" + INDEX + "')/docs/search.post.search";
    static final String INDEX_PATH = "/indexes('" + INDEX + "')";
    static final String UPLOAD_PATH = "/indexes('" + INDEX + "')/docs/search.index";

    private static final String STORE_PASSWORD = "changeit";
    private static final ObjectMapper JSON = new ObjectMapper();

    private AzureSearchStub() {
    }

    /** @return the stub, restarted empty for every test */
    static WireMockExtension server(Extension... extensions) {
        return WireMockExtension.newInstance()
                .options(wireMockConfig().httpDisabled(true).dynamicHttpsPort().bindAddress("127.0.0.1")
                        .keystorePath(resource("stub-keystore.p12").toString()).keystoreType("PKCS12")
                        .keystorePassword(STORE_PASSWORD).keyManagerPassword(STORE_PASSWORD)
                        .extensions(extensions))
                .build();
    }

    static AzureSearchSettings settings(WireMockExtension server, String apiKey, Duration timeout, int maxRetries,
            Duration retryDelayCap) {
        return new AzureSearchSettings(URI.create("https://127.0.0.1:" + server.getRuntimeInfo().getHttpsPort()),
                INDEX, apiKey, "cpo-semantic", timeout, maxRetries, retryDelayCap, timeout, null);
    }

    /** A client that trusts the stub's certificate, and only it. */
    static AzureSearchClient client(Vertx vertx, AzureSearchSettings settings, TokenCredential tokenCredential) {
        PemTrustOptions stubCertificate = new PemTrustOptions().addCertPath(resource("stub-cert.pem").toString());
        return AzureSearchClient.create(settings, settings.timeout(), vertx,
                options -> options.setTrustOptions(stubCertificate), tokenCredential);
    }

    static String fixture(String name) {
        try {
            return Files.readString(resource(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    private static Path resource(String name) {
        try {
            return Path.of(AzureSearchStub.class.getResource("/azure/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing test resource azure/" + name, e);
        }
    }
}
