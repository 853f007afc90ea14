package dev.cpo.generation.openai;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How to reach an OpenAI-compatible chat completions API: Azure OpenAI, or any server speaking the OpenAI REST
 * contract (api.openai.com, Ollama, vLLM, LM Studio...). A plain value, free of framework types, so the
 * configuration layer maps onto it and tests build it directly.
 *
 * <p>{@link #toString()} masks the key and the token; never log them any other way.
 *
 * @param mode which flavour of the API to speak
 * @param endpoint {@link Mode#AZURE}: the resource endpoint, e.g. {@code https://my-resource.openai.azure.com}
 *        (without {@code /openai}); {@link Mode#OPENAI}: the base URL, e.g. {@code https://api.openai.com/v1} or
 *        {@code http://localhost:11434/v1}. A trailing slash is dropped.
 * @param deployment {@link Mode#AZURE}: the deployment name; {@link Mode#OPENAI}: the model name
 * @param apiVersion the Azure {@code api-version} query parameter; {@code null} or blank means
 *        {@value #DEFAULT_API_VERSION}. Not sent in {@link Mode#OPENAI}.
 * @param apiKey the key: sent as header {@code api-key} (Azure) or {@code Authorization: Bearer} (OpenAI); optional
 *        in {@link Mode#OPENAI} because local servers need none. {@code null} or blank means empty.
 * @param entraToken a Microsoft Entra ID access token, sent as {@code Authorization: Bearer}; only in
 *        {@link Mode#AZURE}, and only used when there is no api key. {@code null} or blank means empty.
 * @param timeout the limit on one HTTP attempt (connect, send, wait, read); {@code null} means 10 s
 * @param maxAttempts attempts in total, including the first (1 disables retries)
 * @param maxRetryWait the longest wait between two attempts, also capping a server's Retry-After; {@code null}
 *        means 30 s
 * @param temperature sampling temperature, 0 to 2
 * @param maxOutputTokens the limit on completion tokens ({@code max_completion_tokens})
 */
public record OpenAiSettings(Mode mode, String endpoint, String deployment, String apiVersion,
        Optional<String> apiKey, Optional<String> entraToken, Duration timeout, int maxAttempts,
        Duration maxRetryWait, double temperature, int maxOutputTokens) {

    /** The Azure OpenAI api-version used unless another is configured (the latest GA version the SDK knows). */
    public static final String DEFAULT_API_VERSION = "2024-10-21";
    /** Default limit on one HTTP attempt. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** Default number of attempts in total. */
    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    /** Default cap on a wait between attempts. */
    public static final Duration DEFAULT_MAX_RETRY_WAIT = Duration.ofSeconds(30);
    /** Default sampling temperature. */
    public static final double DEFAULT_TEMPERATURE = 0.7;
    /** Default limit on completion tokens; a 200-word body with its JSON envelope needs about 400. */
    public static final int DEFAULT_MAX_OUTPUT_TOKENS = 800;

    /** The most attempts allowed, so a typo cannot turn one request into a storm. */
    public static final int MAX_ATTEMPTS_LIMIT = 10;

    private static final Pattern AZURE_DEPLOYMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern API_VERSION = Pattern.compile("\\d{4}-\\d{2}-\\d{2}(-[a-z]+)?");
    /** Visible ASCII only: a secret with whitespace or control characters would break (or inject) a header. */
    private static final Pattern SECRET = Pattern.compile("[\\x21-\\x7E]+");

    /** Which flavour of the REST API to speak. */
    public enum Mode {
        /**
         * Azure OpenAI: {@code POST {endpoint}/openai/deployments/{deployment}/chat/completions?api-version=...},
         * authenticated with header {@code api-key} or an Entra ID bearer token.
         */
        AZURE,
        /**
         * The OpenAI REST API or any compatible server: {@code POST {endpoint}/chat/completions}, the model in the
         * body, {@code Authorization: Bearer} when a key is given.
         */
        OPENAI
    }

    /** Applies the defaults, normalises, and checks every field; messages never contain a secret. */
    public OpenAiSettings {
        Objects.requireNonNull(mode, "openai settings: mode is required (AZURE or OPENAI)");
        endpoint = checkEndpoint(mode, endpoint);
        if (deployment == null || deployment.isBlank()) {
            throw new IllegalArgumentException("openai settings: " + deploymentName(mode) + " is required");
        }
        deployment = deployment.strip();
        if (mode == Mode.AZURE && !AZURE_DEPLOYMENT.matcher(deployment).matches()) {
            throw new IllegalArgumentException("openai settings: the Azure deployment name '" + deployment
                    + "' may only contain letters, digits, '.', '_' and '-'");
        }
        if (mode == Mode.OPENAI && deployment.chars().anyMatch(c -> Character.isWhitespace(c)
                || Character.isISOControl(c))) {
            throw new IllegalArgumentException("openai settings: the model name must not contain whitespace");
        }
        apiVersion = apiVersion == null || apiVersion.isBlank() ? DEFAULT_API_VERSION : apiVersion.strip();
        if (!API_VERSION.matcher(apiVersion).matches()) {
            throw new IllegalArgumentException("openai settings: api-version '" + apiVersion
                    + "' is not of the form 2024-10-21 or 2025-03-01-preview");
        }
        apiKey = secret("api key", apiKey);
        entraToken = secret("Entra ID token", entraToken);
        if (mode == Mode.AZURE && apiKey.isEmpty() && entraToken.isEmpty()) {
            throw new IllegalArgumentException(
                    "openai settings: Azure OpenAI needs an api key or a Microsoft Entra ID token, neither is set");
        }
        if (mode == Mode.OPENAI && entraToken.isPresent()) {
            throw new IllegalArgumentException("openai settings: an Entra ID token is only used in AZURE mode;"
                    + " in OPENAI mode give the server's key as the api key");
        }
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("openai settings: timeout must be positive, is " + timeout);
        }
        if (maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS_LIMIT) {
            throw new IllegalArgumentException("openai settings: maxAttempts must be between 1 and "
                    + MAX_ATTEMPTS_LIMIT + " (attempts in total), is " + maxAttempts);
        }
        maxRetryWait = maxRetryWait == null ? DEFAULT_MAX_RETRY_WAIT : maxRetryWait;
        if (maxRetryWait.isNegative()) {
            throw new IllegalArgumentException("openai settings: maxRetryWait must not be negative, is "
                    + maxRetryWait);
        }
        if (!(temperature >= 0.0 && temperature <= 2.0)) {
            throw new IllegalArgumentException("openai settings: temperature must be between 0 and 2, is "
                    + temperature);
        }
        if (maxOutputTokens < 1) {
            throw new IllegalArgumentException("openai settings: maxOutputTokens must be positive, is "
                    + maxOutputTokens);
        }
    }

    /**
     * @param endpoint the Azure OpenAI resource endpoint, e.g. {@code https://my-resource.openai.azure.com}
     * @param deployment the deployment name
     * @param apiKey the resource's key
     * @return Azure settings with key authentication and every default
     */
    public static OpenAiSettings azureWithKey(String endpoint, String deployment, String apiKey) {
        return new OpenAiSettings(Mode.AZURE, endpoint, deployment, DEFAULT_API_VERSION, Optional.of(apiKey),
                Optional.empty(), DEFAULT_TIMEOUT, DEFAULT_MAX_ATTEMPTS, DEFAULT_MAX_RETRY_WAIT, DEFAULT_TEMPERATURE,
                DEFAULT_MAX_OUTPUT_TOKENS);
    }

    /**
     * @param endpoint the Azure OpenAI resource endpoint
     * @param deployment the deployment name
     * @param entraToken a Microsoft Entra ID access token for the Cognitive Services scope
     * @return Azure settings with bearer token authentication and every default
     */
    public static OpenAiSettings azureWithEntraToken(String endpoint, String deployment, String entraToken) {
        return new OpenAiSettings(Mode.AZURE, endpoint, deployment, DEFAULT_API_VERSION, Optional.empty(),
                Optional.of(entraToken), DEFAULT_TIMEOUT, DEFAULT_MAX_ATTEMPTS, DEFAULT_MAX_RETRY_WAIT,
                DEFAULT_TEMPERATURE, DEFAULT_MAX_OUTPUT_TOKENS);
    }

    /**
     * @param baseUrl the base URL, e.g. {@code https://api.openai.com/v1} or {@code http://localhost:11434/v1}
     * @param model the model name
     * @param apiKey the key, empty for a local server that needs none
     * @return OpenAI-compatible settings with every default
     */
    public static OpenAiSettings openAi(String baseUrl, String model, Optional<String> apiKey) {
        return new OpenAiSettings(Mode.OPENAI, baseUrl, model, DEFAULT_API_VERSION, apiKey, Optional.empty(),
                DEFAULT_TIMEOUT, DEFAULT_MAX_ATTEMPTS, DEFAULT_MAX_RETRY_WAIT, DEFAULT_TEMPERATURE,
                DEFAULT_MAX_OUTPUT_TOKENS);
    }

    /** @return a copy with another api-version */
    public OpenAiSettings withApiVersion(String value) {
        return new OpenAiSettings(mode, endpoint, deployment, value, apiKey, entraToken, timeout, maxAttempts,
                maxRetryWait, temperature, maxOutputTokens);
    }

    /** @return a copy with another limit on one attempt */
    public OpenAiSettings withTimeout(Duration value) {
        return new OpenAiSettings(mode, endpoint, deployment, apiVersion, apiKey, entraToken, value, maxAttempts,
                maxRetryWait, temperature, maxOutputTokens);
    }

    /** @return a copy with another number of attempts in total */
    public OpenAiSettings withMaxAttempts(int value) {
        return new OpenAiSettings(mode, endpoint, deployment, apiVersion, apiKey, entraToken, timeout, value,
                maxRetryWait, temperature, maxOutputTokens);
    }

    /** @return a copy with another cap on waits between attempts */
    public OpenAiSettings withMaxRetryWait(Duration value) {
        return new OpenAiSettings(mode, endpoint, deployment, apiVersion, apiKey, entraToken, timeout, maxAttempts,
                value, temperature, maxOutputTokens);
    }

    /** @return a copy with another temperature */
    public OpenAiSettings withTemperature(double value) {
        return new OpenAiSettings(mode, endpoint, deployment, apiVersion, apiKey, entraToken, timeout, maxAttempts,
                maxRetryWait, value, maxOutputTokens);
    }

    /** @return a copy with another limit on completion tokens */
    public OpenAiSettings withMaxOutputTokens(int value) {
        return new OpenAiSettings(mode, endpoint, deployment, apiVersion, apiKey, entraToken, timeout, maxAttempts,
                maxRetryWait, temperature, value);
    }

    /** @return "azure-openai" or "openai", as recorded on every variant */
    public String provider() {
        return mode == Mode.AZURE ? "azure-openai" : "openai";
    }

    /** @return how requests are authenticated, without the secret: "api-key", "entra-token", "bearer" or "none" */
    public String authentication() {
        if (mode == Mode.AZURE) {
            return apiKey.isPresent() ? "api-key" : "entra-token";
        }
        return apiKey.isPresent() ? "bearer" : "none";
    }

    /** @return the settings with the key and token masked */
    @Override
    public String toString() {
        return "OpenAiSettings[mode=" + mode + ", endpoint=" + endpoint + ", deployment=" + deployment
                + ", apiVersion=" + apiVersion + ", apiKey=" + mask(apiKey) + ", entraToken=" + mask(entraToken)
                + ", timeout=" + timeout + ", maxAttempts=" + maxAttempts + ", maxRetryWait=" + maxRetryWait
                + ", temperature=" + temperature + ", maxOutputTokens=" + maxOutputTokens + "]";
    }

    private static String mask(Optional<String> secret) {
        return secret.isPresent() ? "****" : "<none>";
    }

    private static String deploymentName(Mode mode) {
        return mode == Mode.AZURE ? "the Azure deployment name" : "the model name";
    }

    private static Optional<String> secret(String name, Optional<String> value) {
        Optional<String> present = value == null
                ? Optional.empty()
                : value.map(String::strip)
                        .filter(s -> !s.isEmpty());
        if (present.isPresent() && !SECRET.matcher(present.get()).matches()) {
            throw new IllegalArgumentException("openai settings: the " + name
                    + " contains whitespace or non-ASCII characters (value not shown)");
        }
        return present;
    }

    /** An endpoint with user info may carry a password: never echo it. */
    private static String shown(String endpoint) {
        return endpoint.indexOf('@') >= 0 ? "(not shown, it contains '@')" : endpoint;
    }

    private static String checkEndpoint(Mode mode, String endpoint) {
        if (endpoint == null || endpoint.isBlank()) {
            throw new IllegalArgumentException("openai settings: endpoint is required, e.g. "
                    + (mode == Mode.AZURE ? "https://my-resource.openai.azure.com" : "https://api.openai.com/v1"));
        }
        String trimmed = endpoint.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("openai settings: endpoint '" + shown(trimmed) + "' is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("openai settings: endpoint '" + shown(trimmed)
                    + "' must be an http:// or https:// URL");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("openai settings: endpoint '" + shown(trimmed) + "' has no host");
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("openai settings: endpoint '" + uri.getScheme() + "://"
                    + uri.getHost() + "...' must not carry credentials, a query or a fragment");
        }
        if (mode == Mode.AZURE) {
            String path = uri.getRawPath() == null ? "" : uri.getRawPath().toLowerCase(Locale.ROOT);
            if (path.endsWith("/openai") || path.contains("/openai/")) {
                throw new IllegalArgumentException("openai settings: give the Azure resource endpoint without"
                        + " /openai..., e.g. https://my-resource.openai.azure.com; the path is added per request");
            }
        }
        return trimmed;
    }
}
