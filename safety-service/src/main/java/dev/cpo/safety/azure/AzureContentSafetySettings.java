package dev.cpo.safety.azure;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where the Azure AI Content Safety resource is and how to talk to it. A plain record: the service's configuration
 * edge maps its settings onto it.
 *
 * @param endpoint the resource, {@code https://<resource>.cognitiveservices.azure.com} (https only: azure-core refuses
 *        to send a key or token over plain HTTP); trailing slashes are dropped
 * @param apiKey the resource key, sent as {@code Ocp-Apim-Subscription-Key}; empty (or blank) means Entra ID
 *        ({@code DefaultAzureCredential}: workload identity, managed identity, environment, Azure CLI; the identity
 *        needs the "Cognitive Services User" role). Never printed: {@link #toString()} masks it
 * @param blocklistNames the custom blocklists every text is also matched against (created beforehand in the
 *        resource; each 1-64 of {@code 0-9 A-Z a-z - . _ ~}); empty means none. Duplicates are dropped
 * @param timeout the most one {@code screen} call may take, every chunk, retry and retry delay included; also the
 *        limit of each try. {@code null} means {@value #DEFAULT_TIMEOUT_SECONDS} s
 * @param maxRetries how often a failed request is retried (0..10): on 408, 429, 5xx (not 501/505), I/O errors and
 *        per-try timeouts
 * @param retryDelayCap the longest delay between two tries: exponential back-off stops growing there, and a
 *        {@code Retry-After} longer than this fails at once instead of waiting. {@code null} means
 *        {@value #DEFAULT_RETRY_DELAY_CAP_SECONDS} s
 */
public record AzureContentSafetySettings(URI endpoint, Optional<String> apiKey, List<String> blocklistNames,
        Duration timeout, int maxRetries, Duration retryDelayCap) {

    /** The default {@link #timeout()} in seconds. */
    public static final long DEFAULT_TIMEOUT_SECONDS = 10;

    /** The default {@link #maxRetries()}. */
    public static final int DEFAULT_MAX_RETRIES = 3;

    /** The default {@link #retryDelayCap()} in seconds. */
    public static final long DEFAULT_RETRY_DELAY_CAP_SECONDS = 4;

    /** The most retries allowed. */
    public static final int MAX_RETRIES_LIMIT = 10;

    private static final Pattern BLOCKLIST_NAME = Pattern.compile("[0-9A-Za-z._~-]{1,64}");

    /** Checks every setting; the message names the setting, never the key. */
    public AzureContentSafetySettings {
        endpoint = normalized(endpoint);
        apiKey = apiKey == null ? Optional.empty() : apiKey.map(String::strip).filter(key -> !key.isEmpty());
        blocklistNames = checkedBlocklistNames(blocklistNames);
        timeout = timeout == null ? Duration.ofSeconds(DEFAULT_TIMEOUT_SECONDS) : timeout;
        retryDelayCap = retryDelayCap == null ? Duration.ofSeconds(DEFAULT_RETRY_DELAY_CAP_SECONDS) : retryDelayCap;
        requirePositive("timeout", timeout);
        requirePositive("retryDelayCap", retryDelayCap);
        if (timeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("timeout must be at most " + Duration.ofMillis(Integer.MAX_VALUE));
        }
        if (maxRetries < 0 || maxRetries > MAX_RETRIES_LIMIT) {
            throw new IllegalArgumentException("maxRetries must be within 0.." + MAX_RETRIES_LIMIT + ", was "
                    + maxRetries);
        }
    }

    /**
     * The usual settings: 10 s per screening, 3 retries at most 4 s apart.
     *
     * @param endpoint the resource, https
     * @param apiKey a key, or {@code null}/blank for Entra ID
     * @param blocklistNames the blocklists to match, or an empty list
     * @return the settings
     */
    public static AzureContentSafetySettings of(URI endpoint, String apiKey, List<String> blocklistNames) {
        return new AzureContentSafetySettings(endpoint, Optional.ofNullable(apiKey), blocklistNames,
                Duration.ofSeconds(DEFAULT_TIMEOUT_SECONDS), DEFAULT_MAX_RETRIES,
                Duration.ofSeconds(DEFAULT_RETRY_DELAY_CAP_SECONDS));
    }

    /** @return whether requests authenticate with an API key (otherwise with an Entra ID token) */
    public boolean usesApiKey() {
        return apiKey.isPresent();
    }

    /** Like the record's, but the API key is masked. */
    @Override
    public String toString() {
        return "AzureContentSafetySettings[endpoint=" + endpoint + ", apiKey="
                + (apiKey.isPresent() ? "***" : "<none: Entra ID>") + ", blocklistNames=" + blocklistNames
                + ", timeout=" + timeout + ", maxRetries=" + maxRetries + ", retryDelayCap=" + retryDelayCap + "]";
    }

    private static URI normalized(URI endpoint) {
        if (endpoint == null || !"https".equalsIgnoreCase(endpoint.getScheme()) || endpoint.getHost() == null
                || endpoint.getHost().isBlank()) {
            throw new IllegalArgumentException(
                    "endpoint must be an https URL, e.g. https://my-resource.cognitiveservices.azure.com");
        }
        if (endpoint.getRawQuery() != null || endpoint.getRawFragment() != null
                || endpoint.getRawUserInfo() != null) {
            throw new IllegalArgumentException("endpoint must be an https URL without user info, query or fragment,"
                    + " e.g. https://my-resource.cognitiveservices.azure.com");
        }
        String path = endpoint.getRawPath() == null ? "" : endpoint.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        try {
            return new URI(endpoint.getScheme().toLowerCase(Locale.ROOT) + "://" + endpoint.getRawAuthority()
                    + path);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("endpoint is not a valid URL", e);
        }
    }

    private static List<String> checkedBlocklistNames(List<String> names) {
        if (names == null) {
            return List.of();
        }
        Set<String> distinct = new LinkedHashSet<>();
        List<String> invalid = new ArrayList<>();
        for (String name : names) {
            String stripped = name == null ? "" : name.strip();
            if (!BLOCKLIST_NAME.matcher(stripped).matches()) {
                invalid.add(Objects.toString(name));
            } else {
                distinct.add(stripped);
            }
        }
        if (!invalid.isEmpty()) {
            throw new IllegalArgumentException("blocklistNames must each be 1-64 of the characters 0-9 A-Z a-z - . _ ~;"
                    + " invalid: " + invalid);
        }
        return List.copyOf(distinct);
    }

    private static void requirePositive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, was " + value);
        }
    }
}
