package dev.cpo.retrieval.azure;

import com.azure.search.documents.SearchServiceVersion;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where the Azure AI Search index is and how to talk to it. A plain record: the service's configuration edge maps its
 * {@code cpo.retrieval.azure.*} settings onto it (see {@code AZURE.md}).
 *
 * @param endpoint the search service, {@code https://<service>.search.windows.net} (https only: the SDK refuses to
 *        send credentials over plain HTTP)
 * @param indexName the index holding one document per approved paragraph (lowercase letters, digits, dashes)
 * @param apiKey an admin or query key; {@code null} or blank means Entra ID ({@code DefaultAzureCredential}: workload
 *        identity, managed identity, environment, Azure CLI). Never printed: {@link #toString()} masks it
 * @param semanticConfiguration the semantic configuration the queries use and {@link AzureIndexManager} creates
 * @param timeout the most one search may take, retries and their delays included
 * @param maxRetries how often a failed search or index request is retried (0..10): on 408, 429, 5xx (not 501/505),
 *        I/O errors and per-try timeouts
 * @param retryDelayCap the longest delay between two tries: exponential back-off stops growing there, and a
 *        {@code Retry-After} longer than this fails at once instead of waiting
 * @param indexingTimeout the most one index-management request (create the index, upload one batch) may take
 * @param apiVersion the REST api-version, e.g. {@code 2025-09-01}; {@code null} or blank means the newest the SDK knows
 */
public record AzureSearchSettings(URI endpoint, String indexName, String apiKey, String semanticConfiguration,
        Duration timeout, int maxRetries, Duration retryDelayCap, Duration indexingTimeout, String apiVersion) {

    /** The semantic configuration name when none is given. */
    public static final String DEFAULT_SEMANTIC_CONFIGURATION = "cpo-semantic";

    private static final Pattern INDEX_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,126}[a-z0-9]");

    /** Checks every setting; the message names the setting, never the key. */
    public AzureSearchSettings {
        if (endpoint == null || !"https".equalsIgnoreCase(endpoint.getScheme()) || endpoint.getHost() == null) {
            throw new IllegalArgumentException(
                    "endpoint must be an https URL, e.g. https://my-service.search.windows.net");
        }
        if (indexName == null || !INDEX_NAME.matcher(indexName).matches() || indexName.contains("--")) {
            throw new IllegalArgumentException("indexName must be 2-128 lowercase letters, digits or single dashes,"
                    + " starting and ending with a letter or digit");
        }
        apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
        semanticConfiguration = semanticConfiguration == null || semanticConfiguration.isBlank()
                ? DEFAULT_SEMANTIC_CONFIGURATION
                : semanticConfiguration;
        requirePositive("timeout", timeout);
        requirePositive("retryDelayCap", retryDelayCap);
        requirePositive("indexingTimeout", indexingTimeout);
        if (maxRetries < 0 || maxRetries > 10) {
            throw new IllegalArgumentException("maxRetries must be within 0..10");
        }
        apiVersion = apiVersion == null || apiVersion.isBlank() ? null : apiVersion.strip();
        if (apiVersion != null) {
            serviceVersionOf(apiVersion);
        }
    }

    /**
     * The usual settings: the default semantic configuration, 5 s per search, 3 retries at most 4 s apart, 60 s per
     * index request, the SDK's api-version.
     *
     * @param endpoint the search service
     * @param indexName the index
     * @param apiKey a key, or {@code null} for Entra ID
     * @return the settings
     */
    public static AzureSearchSettings of(URI endpoint, String indexName, String apiKey) {
        return new AzureSearchSettings(endpoint, indexName, apiKey, DEFAULT_SEMANTIC_CONFIGURATION,
                Duration.ofSeconds(5), 3, Duration.ofSeconds(4), Duration.ofSeconds(60), null);
    }

    /** @return whether requests authenticate with an API key (otherwise with an Entra ID token) */
    public boolean usesApiKey() {
        return apiKey != null;
    }

    /** @return the SDK's name for {@link #apiVersion()} (its newest when none is set) */
    public SearchServiceVersion serviceVersion() {
        return apiVersion == null ? SearchServiceVersion.getLatest() : serviceVersionOf(apiVersion);
    }

    /** Like the record's, but the API key is masked. */
    @Override
    public String toString() {
        return "AzureSearchSettings[endpoint=" + endpoint + ", indexName=" + indexName + ", apiKey="
                + (apiKey == null ? "<none: Entra ID>" : "***") + ", semanticConfiguration=" + semanticConfiguration
                + ", timeout=" + timeout + ", maxRetries=" + maxRetries + ", retryDelayCap=" + retryDelayCap
                + ", indexingTimeout=" + indexingTimeout + ", apiVersion=" + serviceVersion().getVersion() + "]";
    }

    private static SearchServiceVersion serviceVersionOf(String apiVersion) {
        return Arrays.stream(SearchServiceVersion.values())
                .filter(version -> version.getVersion().equals(apiVersion.toLowerCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("apiVersion " + apiVersion + " is not one of "
                        + Arrays.stream(SearchServiceVersion.values()).map(SearchServiceVersion::getVersion).toList()));
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration");
        }
    }
}
