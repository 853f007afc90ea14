package dev.cpo.safety.azure;

import dev.cpo.azure.RetryRules;
import com.azure.ai.contentsafety.ContentSafetyAsyncClient;
import com.azure.ai.contentsafety.ContentSafetyClientBuilder;
import com.azure.ai.contentsafety.ContentSafetyServiceVersion;
import com.azure.ai.contentsafety.models.AnalyzeTextOptions;
import com.azure.ai.contentsafety.models.AnalyzeTextOutputType;
import com.azure.ai.contentsafety.models.AnalyzeTextResult;
import com.azure.ai.contentsafety.models.TextBlocklistMatch;
import com.azure.ai.contentsafety.models.TextCategoriesAnalysis;
import com.azure.ai.contentsafety.models.TextCategory;
import com.azure.core.credential.KeyCredential;
import com.azure.core.credential.TokenCredential;
import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpClient;
import com.azure.core.http.rest.RequestOptions;
import com.azure.core.http.rest.Response;
import com.azure.core.http.vertx.VertxHttpClientBuilder;
import com.azure.core.util.BinaryData;
import com.azure.identity.CredentialUnavailableException;
import com.azure.identity.DefaultAzureCredentialBuilder;
import dev.cpo.events.HarmCategory;
import dev.cpo.safety.screen.ScreenResult;
import dev.cpo.safety.screen.ScreeningUnavailableException;
import dev.cpo.safety.screen.TextScreener;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Screens text with Azure AI Content Safety ({@code text:analyze}, api-version {@code 2023-10-01}) through the Azure
 * SDK ({@code azure-ai-contentsafety}), riding on a Vert.x HTTP client of the given {@link Vertx} (never its own Netty
 * stack). It holds the builder's {@code ContentSafetyAsyncClient} (the same client as {@code ContentSafetyClient},
 * without the blocking wrapper) so that one deadline covers every chunk, retry and retry delay, and the chunks of a
 * long text run concurrently; {@link #screen(String)} blocks on it.
 * <ul>
 * <li><b>Request</b>: the four categories, {@code outputType EightSeverityLevels} (severities 0-7), the configured
 * blocklists with {@code haltOnBlocklistHit false} (so the categories are always analysed).</li>
 * <li><b>Long texts</b>: the service takes at most {@value #MAX_CHUNK_CHARS} characters per request; a longer text is
 * split on the last whitespace before the limit (within {@value #SPLIT_WINDOW_CHARS} characters of it, otherwise at
 * the limit itself, never inside a surrogate pair). The chunks are analysed concurrently; the result is the highest
 * severity per category and the union of the blocklist matches.</li>
 * <li><b>Result</b>: Hate, SelfHarm, Sexual, Violence map to {@link HarmCategory}; a blocklist match is reported as
 * {@code <blocklistName>/<blocklistItemId>}, never the matched text. A blank text holds no harm: it is answered with
 * severity 0 everywhere without a request.</li>
 * <li><b>Fail closed</b>: a failure after the retries (429 or 5xx beyond {@code maxRetries}, a {@code Retry-After}
 * longer than the cap, the overall timeout, an I/O error, refused credentials, a rejected request) and an analysis
 * that is incomplete (a category missing, a severity outside 0-7, an unreadable body) throw
 * {@link ScreeningUnavailableException}; its message names the status or the timeout, never the key or the text.</li>
 * </ul>
 * {@link #screen(String)} blocks (at most the configured timeout, every chunk, retry and delay included): call it from
 * a worker thread, never a Vert.x event loop.
 */
public final class AzureContentSafetyScreener implements TextScreener {

    /** The provider name recorded on every verdict. */
    public static final String PROVIDER = "azure-content-safety";

    /** The most characters the service analyses in one request. */
    public static final int MAX_CHUNK_CHARS = 10_000;

    /** How far back from the limit a split looks for whitespace. */
    static final int SPLIT_WINDOW_CHARS = 1_000;

    /** How many chunks of one text are in flight at once. */
    static final int CONCURRENT_CHUNKS = 4;

    private static final String SERVICE = "Azure AI Content Safety";
    private static final Map<String, HarmCategory> CATEGORIES = Map.of(
            TextCategory.HATE.toString().toLowerCase(Locale.ROOT), HarmCategory.HATE,
            TextCategory.SELF_HARM.toString().toLowerCase(Locale.ROOT), HarmCategory.SELF_HARM,
            TextCategory.SEXUAL.toString().toLowerCase(Locale.ROOT), HarmCategory.SEXUAL,
            TextCategory.VIOLENCE.toString().toLowerCase(Locale.ROOT), HarmCategory.VIOLENCE);
    private static final List<TextCategory> REQUESTED_CATEGORIES = List.of(TextCategory.HATE, TextCategory.SELF_HARM,
            TextCategory.SEXUAL, TextCategory.VIOLENCE);
    private static final Pattern ERROR_CODE = Pattern.compile("\"code\"\\s*:\\s*\"([A-Za-z0-9_.-]{1,64})\"");
    private static final int MAX_SEVERITY = 7;
    private static final com.azure.core.util.Context EAGERLY_READ_RESPONSE = new com.azure.core.util.Context(
            "azure-eagerly-read-response", true);

    private final AzureContentSafetySettings settings;
    private final ContentSafetyAsyncClient client;
    private final String service;

    /**
     * @param settings where and how
     * @param vertx the Vert.x whose HTTP client carries the calls: in Quarkus, inject {@code io.vertx.core.Vertx}, so
     *        the SDK shares Quarkus's event loops
     */
    public AzureContentSafetyScreener(AzureContentSafetySettings settings, Vertx vertx) {
        this(settings, vertx, options -> {
        }, null);
    }

    /**
     * @param settings where and how
     * @param vertx the Vert.x whose HTTP client carries the calls
     * @param httpOptions adjusts the Vert.x client's options (the tests add their stub's trust store)
     * @param tokenCredential the Entra ID credential when {@code settings} has no key; {@code null}:
     *        {@code DefaultAzureCredential}
     */
    AzureContentSafetyScreener(AzureContentSafetySettings settings, Vertx vertx,
            Consumer<HttpClientOptions> httpOptions, TokenCredential tokenCredential) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.service = SERVICE + " at " + settings.endpoint().getHost();
        Duration timeout = settings.timeout();
        HttpClientOptions options = new HttpClientOptions()
                .setConnectTimeout((int) Math.min(timeout.toMillis(), Duration.ofSeconds(10).toMillis()))
                .setReadIdleTimeout((int) timeout.toMillis())
                .setWriteIdleTimeout((int) timeout.toMillis())
                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
        httpOptions.accept(options);
        HttpClient httpClient = new VertxHttpClientBuilder().vertx(Objects.requireNonNull(vertx, "vertx"))
                .httpClientOptions(options).responseTimeout(timeout).build();

        ContentSafetyClientBuilder builder = new ContentSafetyClientBuilder()
                .endpoint(settings.endpoint().toString())
                .serviceVersion(ContentSafetyServiceVersion.V2023_10_01)
                .httpClient(httpClient)
                .retryOptions(RetryRules.options(settings.maxRetries(), settings.retryDelayCap(), Instant::now));
        if (settings.usesApiKey()) {
            builder.credential(new KeyCredential(settings.apiKey().orElseThrow()));
        } else {
            builder.credential(tokenCredential != null
                    ? tokenCredential
                    : new DefaultAzureCredentialBuilder().httpClient(httpClient).build());
        }
        this.client = builder.buildAsyncClient();
    }

    @Override
    public String provider() {
        return PROVIDER;
    }

    /**
     * @throws ScreeningUnavailableException when no complete analysis was obtained within the timeout (after the
     *         retries); never a pass
     * @throws IllegalStateException when called on a Vert.x event loop
     */
    @Override
    public ScreenResult screen(String text) {
        Objects.requireNonNull(text, "text");
        if (Context.isOnEventLoopThread()) {
            throw new IllegalStateException(SERVICE + " calls block: screen on a worker thread (e.g. @Blocking),"
                    + " never on a Vert.x event loop");
        }
        List<String> chunks = chunks(text).stream().filter(chunk -> !chunk.isBlank()).toList();
        if (chunks.isEmpty()) {
            return merge(List.of());
        }
        List<Analysis> analyses;
        try {
            analyses = Flux.range(0, chunks.size())
                    .flatMapSequential(i -> analyse(chunks.get(i), i, chunks.size()), CONCURRENT_CHUNKS)
                    .collectList()
                    .timeout(settings.timeout())
                    .block();
        } catch (RuntimeException failure) {
            throw unavailable(chunks.size(), Exceptions.unwrap(failure));
        }
        if (analyses == null || analyses.size() != chunks.size()) {
            throw new ScreeningUnavailableException(service + " returned an incomplete analysis: "
                    + (analyses == null ? 0 : analyses.size()) + " of " + chunks.size() + " chunks analysed", null);
        }
        return merge(analyses);
    }

    @Override
    public String toString() {
        return "AzureContentSafetyScreener[" + settings + "]";
    }

    /**
     * Splits a text into chunks of at most {@value #MAX_CHUNK_CHARS} characters: each cut is made before the last
     * whitespace within {@value #SPLIT_WINDOW_CHARS} characters of the limit, otherwise at the limit (moved back by
     * one when it would split a surrogate pair). Concatenated, the chunks are the text.
     */
    static List<String> chunks(String text) {
        List<String> chunks = new ArrayList<>();
        int start = 0;
        while (text.length() - start > MAX_CHUNK_CHARS) {
            int limit = start + MAX_CHUNK_CHARS;
            int cut = -1;
            for (int i = limit; i > limit - SPLIT_WINDOW_CHARS; i--) {
                if (Character.isWhitespace(text.charAt(i))) {
                    cut = i;
                    break;
                }
            }
            if (cut < 0) {
                cut = limit;
                if (Character.isHighSurrogate(text.charAt(cut - 1)) && Character.isLowSurrogate(text.charAt(cut))) {
                    cut--;
                }
            }
            chunks.add(text.substring(start, cut));
            start = cut;
        }
        chunks.add(text.substring(start));
        return chunks;
    }

    /** One chunk's checked analysis. */
    private record Analysis(Map<HarmCategory, Integer> severities, List<String> blocklistMatches) {
    }

    private Mono<Analysis> analyse(String chunk, int index, int count) {
        AnalyzeTextOptions options = new AnalyzeTextOptions(chunk)
                .setCategories(REQUESTED_CATEGORIES)
                .setOutputType(AnalyzeTextOutputType.EIGHT_SEVERITY_LEVELS)
                .setHaltOnBlocklistHit(false);
        if (!settings.blocklistNames().isEmpty()) {
            options.setBlocklistNames(settings.blocklistNames());
        }
        // Read each response whole before the pipeline sees it: azure-core-http-vertx 1.1.3 closes an unread streamed
        // response through HttpClientResponse.netSocket(), which on this Vert.x throws NoSuchElementException; the
        // RetryPolicy closes every response it retries, so a 429's Retry-After would be lost (the close failure is
        // retried as an I/O error, after the exponential delay instead).
        RequestOptions request = new RequestOptions().setContext(EAGERLY_READ_RESPONSE);
        return Mono.defer(() -> client.analyzeTextWithResponse(BinaryData.fromObject(options), request))
                .map(response -> checked(response, index, count))
                .switchIfEmpty(Mono.error(() -> incomplete(index, count, "no response", null)));
    }

    /** Reads and checks one response: all four categories, severities 0-7, blocklist matches with name and id. */
    private Analysis checked(Response<BinaryData> response, int index, int count) {
        AnalyzeTextResult result;
        try {
            BinaryData body = response.getValue();
            result = body == null ? null : body.toObject(AnalyzeTextResult.class);
        } catch (RuntimeException unreadable) {
            // The class only: a parser's message quotes the body.
            throw incomplete(index, count, "the response could not be read ("
                    + rootOf(unreadable).getClass().getSimpleName() + ")", unreadable);
        }
        if (result == null) {
            throw incomplete(index, count, "the response was empty", null);
        }
        EnumMap<HarmCategory, Integer> severities = new EnumMap<>(HarmCategory.class);
        List<TextCategoriesAnalysis> categories = result.getCategoriesAnalysis() == null
                ? List.of()
                : result.getCategoriesAnalysis();
        for (TextCategoriesAnalysis analysis : categories) {
            if (analysis == null || analysis.getCategory() == null) {
                throw incomplete(index, count, "a category analysis without a category", null);
            }
            HarmCategory category = CATEGORIES.get(analysis.getCategory().toString().toLowerCase(Locale.ROOT));
            if (category == null) {
                continue; // a category this service does not score; the four it does are checked below
            }
            Integer severity = analysis.getSeverity();
            if (severity == null || severity < 0 || severity > MAX_SEVERITY) {
                throw incomplete(index, count, "severity " + severity + " of " + analysis.getCategory()
                        + " is outside 0-" + MAX_SEVERITY, null);
            }
            severities.merge(category, severity, Math::max);
        }
        if (severities.size() < HarmCategory.values().length) {
            Set<HarmCategory> missing = new TreeSet<>(List.of(HarmCategory.values()));
            missing.removeAll(severities.keySet());
            throw incomplete(index, count, "no severity for " + missing, null);
        }
        List<String> matches = new ArrayList<>();
        if (result.getBlocklistsMatch() != null) {
            for (TextBlocklistMatch match : result.getBlocklistsMatch()) {
                if (match == null || isBlank(match.getBlocklistName()) || isBlank(match.getBlocklistItemId())) {
                    throw incomplete(index, count, "a blocklist match without blocklistName or blocklistItemId",
                            null);
                }
                matches.add(match.getBlocklistName().strip() + "/" + match.getBlocklistItemId().strip());
            }
        }
        return new Analysis(severities, matches);
    }

    private static ScreenResult merge(List<Analysis> analyses) {
        EnumMap<HarmCategory, Integer> severities = new EnumMap<>(HarmCategory.class);
        for (HarmCategory category : HarmCategory.values()) {
            severities.put(category, 0);
        }
        Set<String> matches = new LinkedHashSet<>();
        for (Analysis analysis : analyses) {
            analysis.severities().forEach((category, severity) -> severities.merge(category, severity, Math::max));
            matches.addAll(analysis.blocklistMatches());
        }
        return new ScreenResult(severities, List.copyOf(matches));
    }

    private ScreeningUnavailableException incomplete(int index, int count, String what, Throwable cause) {
        return new ScreeningUnavailableException(service + " returned an incomplete analysis"
                + (count > 1 ? " of chunk " + (index + 1) + " of " + count : "") + ": " + what, cause);
    }

    private ScreeningUnavailableException unavailable(int chunks, Throwable failure) {
        String afterRetries = settings.maxRetries() == 0
                ? ""
                : " after " + settings.maxRetries() + (settings.maxRetries() == 1 ? " retry" : " retries");
        if (failure instanceof ScreeningUnavailableException already) {
            return already;
        }
        if (failure instanceof TimeoutException) {
            return timedOut(chunks, failure);
        }
        if (failure instanceof HttpResponseException http && http.getResponse() != null) {
            int status = http.getResponse().getStatusCode();
            String code = errorCode(http.getMessage());
            var retryAfter = RetryRules.retryAfter(http.getResponse().getHeaders(), Instant.now());
            if (RetryRules.retryableStatus(status) && retryAfter.isPresent()
                    && retryAfter.get().compareTo(settings.retryDelayCap()) > 0) {
                return new ScreeningUnavailableException(service + " is throttling: HTTP " + status
                        + " asking to retry after " + retryAfter.get() + ", longer than the retry delay cap "
                        + settings.retryDelayCap() + code, failure);
            }
            if (failure instanceof ClientAuthenticationException || status == 401 || status == 403) {
                return new ScreeningUnavailableException(service + " refused the credentials: HTTP " + status + code
                        + " (check the API key, or the identity's role \"Cognitive Services User\")", failure);
            }
            if (RetryRules.retryableStatus(status)) {
                return new ScreeningUnavailableException(service + " answered HTTP " + status + afterRetries + code,
                        failure);
            }
            return new ScreeningUnavailableException(service + " rejected the request: HTTP " + status + code
                    + (status == 404
                            ? " (does every configured blocklist exist? " + settings.blocklistNames() + ")"
                            : ""),
                    failure);
        }
        if (failure instanceof CredentialUnavailableException || failure instanceof ClientAuthenticationException) {
            return new ScreeningUnavailableException(service + ": no Entra ID token: "
                    + firstLine(failure.getMessage()), failure);
        }
        if (hasCause(failure, TimeoutException.class) || failure.getClass().getName().contains("Timeout")) {
            return timedOut(chunks, failure);
        }
        if (hasCause(failure, IOException.class)) {
            return new ScreeningUnavailableException(service + " could not be reached" + afterRetries + ": "
                    + describe(failure), failure);
        }
        return new ScreeningUnavailableException(service + " failed: " + describe(failure), failure);
    }

    private ScreeningUnavailableException timedOut(int chunks, Throwable failure) {
        return new ScreeningUnavailableException(service + " did not finish screening " + chunks
                + (chunks == 1 ? " chunk" : " chunks") + " within " + settings.timeout() + " (retries included)",
                failure);
    }

    /** @return {@code " (error code X)"} when the service's error body names one, else empty */
    private static String errorCode(String message) {
        if (message == null) {
            return "";
        }
        Matcher code = ERROR_CODE.matcher(message);
        return code.find() ? " (error code " + code.group(1) + ")" : "";
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable failure) {
        Throwable root = rootOf(failure);
        return root.getClass().getSimpleName() + ": " + firstLine(root.getMessage());
    }

    private static Throwable rootOf(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        String line = message.lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
