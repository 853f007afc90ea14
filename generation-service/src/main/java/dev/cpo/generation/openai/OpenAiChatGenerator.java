package dev.cpo.generation.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.openai.azure.AzureOpenAIServiceVersion;
import com.openai.azure.AzureUrlPathMode;
import com.openai.azure.credential.AzureApiKeyCredential;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.LogLevel;
import com.openai.core.Timeout;
import com.openai.core.http.Headers;
import com.openai.credential.BearerTokenCredential;
import com.openai.errors.BadRequestException;
import com.openai.errors.OpenAIException;
import com.openai.errors.OpenAIInvalidDataException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIRetryableException;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.ResponseFormatJsonSchema;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessage;
import com.openai.models.completions.CompletionUsage;
import dev.cpo.generation.generate.DraftCitation;
import dev.cpo.generation.generate.GenerationOutcome;
import dev.cpo.generation.generate.GenerationRequest;
import dev.cpo.generation.generate.GenerationUnavailableException;
import dev.cpo.generation.generate.Usage;
import dev.cpo.generation.generate.VariantGenerator;
import dev.cpo.generation.prompt.PromptTemplates;
import dev.cpo.generation.prompt.RenderedPrompt;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Writes a variant with an OpenAI-compatible chat completions API (Azure OpenAI or any OpenAI-compatible server),
 * through OpenAI's Java SDK with its OkHttp transport.
 *
 * <p>One call is one chat completion: the system and user messages of {@link PromptTemplates}, a strict JSON schema
 * response format for {@code {subject, body, citations[{marker, documentId, paragraphIndex}]}}, the configured
 * temperature and {@code max_completion_tokens}. The SDK's own retries are off; this class retries 408, 409, 429,
 * 5xx, timeouts and I/O errors itself, at most {@link OpenAiSettings#maxAttempts()} attempts in total, waiting what
 * the server asks ({@code retry-after-ms}, {@code retry-after}) or an exponential backoff, never longer than
 * {@link OpenAiSettings#maxRetryWait()}. Other 4xx answers are configuration problems and fail at once.
 *
 * <p>Outcomes: a content filter (finish reason {@code content_filter}, or Azure's HTTP 400 with error code
 * {@code content_filter}) or a refusal is {@link GenerationOutcome.Filtered}; a reply that is not the expected JSON
 * object is {@link GenerationOutcome.Unusable}; anything else is a {@link GenerationOutcome.Draft}, still to be
 * validated. Grounding (citations pointing at provided snippets) is the validator's job, not this class's.
 *
 * <p>Logs carry status codes, attempt numbers, waits and token counts only: never the key, the token, the prompt or
 * the reply. Thread-safe; {@link #close()} releases the HTTP client's threads and connections.
 */
public final class OpenAiChatGenerator implements VariantGenerator, AutoCloseable {

    /** The first backoff wait when the server does not say how long to wait; doubled per attempt. */
    static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    /** The name of the response format's JSON schema, as sent. */
    static final String SCHEMA_NAME = "email_variant";

    private static final Logger LOG = Logger.getLogger(OpenAiChatGenerator.class);
    private static final Pattern SAFE_TOKEN = Pattern.compile("[A-Za-z0-9_.\\-]{1,64}");

    private final OpenAiSettings settings;
    private final PromptTemplates templates;
    private final Pause pause;
    private final Clock clock;
    private final DoubleSupplier jitter;
    private final OpenAIClient client;
    private final ResponseFormatJsonSchema responseFormat;
    private final ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /**
     * A generator that really sleeps between attempts.
     *
     * @param settings where and how to call
     * @param templates the prompts
     */
    public OpenAiChatGenerator(OpenAiSettings settings, PromptTemplates templates) {
        this(settings, templates, Pause.sleeping(), Clock.systemUTC());
    }

    /**
     * @param settings where and how to call
     * @param templates the prompts
     * @param pause waits between attempts (tests pass a recording fake)
     * @param clock measures latency and resolves a Retry-After given as an HTTP date
     */
    public OpenAiChatGenerator(OpenAiSettings settings, PromptTemplates templates, Pause pause, Clock clock) {
        this(settings, templates, pause, clock, () -> ThreadLocalRandom.current().nextDouble());
    }

    /**
     * @param jitter a source of numbers in [0, 1) that shortens each backoff by up to a quarter, so that many clients
     *        that failed together do not retry together
     */
    OpenAiChatGenerator(OpenAiSettings settings, PromptTemplates templates, Pause pause, Clock clock,
            DoubleSupplier jitter) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.templates = Objects.requireNonNull(templates, "templates");
        this.pause = Objects.requireNonNull(pause, "pause");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.jitter = Objects.requireNonNull(jitter, "jitter");
        this.responseFormat = responseFormat();
        this.client = client(settings);
    }

    @Override
    public String provider() {
        return settings.provider();
    }

    @Override
    public String model() {
        return settings.deployment();
    }

    /** @return the settings, whose {@code toString()} masks the secrets */
    public OpenAiSettings settings() {
        return settings;
    }

    @Override
    public GenerationOutcome generate(GenerationRequest request) {
        Objects.requireNonNull(request, "request");
        RenderedPrompt prompt = templates.render(request);
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
                .model(settings.deployment())
                .addSystemMessage(prompt.system())
                .addUserMessage(prompt.user())
                .temperature(settings.temperature())
                .maxCompletionTokens(settings.maxOutputTokens())
                .responseFormat(responseFormat)
                .build();
        long started = clock.millis();
        for (int attempt = 1;; attempt++) {
            Failure failure;
            try {
                ChatCompletion completion = client.chat().completions().create(params);
                GenerationOutcome outcome = interpret(completion, elapsed(started));
                LOG.debugf("%s chat completion: attempt %d/%d, %s, %d tokens in, %d out, %d ms", provider(), attempt,
                        settings.maxAttempts(), outcome.getClass().getSimpleName(), outcome.usage().tokensIn(),
                        outcome.usage().tokensOut(), outcome.latencyMillis());
                return outcome;
            } catch (BadRequestException e) {
                Optional<String> filter = promptFilter(e);
                if (filter.isPresent()) {
                    LOG.infof("%s chat completion: attempt %d/%d, HTTP 400 content_filter, the prompt was filtered",
                            provider(), attempt, settings.maxAttempts());
                    return new GenerationOutcome.Filtered(filter.get(), Usage.NONE, elapsed(started));
                }
                throw rejected(e, attempt);
            } catch (OpenAIServiceException e) {
                if (!retryable(e.statusCode())) {
                    throw rejected(e, attempt);
                }
                failure = new Failure("HTTP " + e.statusCode(), retryAfter(e.headers()), null);
            } catch (OpenAIIoException e) {
                failure = ioFailure(e);
            } catch (OpenAIRetryableException e) {
                failure = new Failure("a transient failure (" + e.getClass().getSimpleName() + ")",
                        Optional.empty(), e);
            } catch (OpenAIInvalidDataException e) {
                // A 2xx whose body could not be read: a broken connection is transient, a body that is not a
                // chat completion is the provider's answer and as unusable as a bad reply.
                if (transportCause(e).isPresent()) {
                    failure = ioFailure(e);
                } else {
                    LOG.infof("%s chat completion: attempt %d/%d, the response body is not a chat completion",
                            provider(), attempt, settings.maxAttempts());
                    return new GenerationOutcome.Unusable("the provider's response is not a readable chat completion",
                            Usage.NONE, elapsed(started));
                }
            } catch (OpenAIException e) {
                LOG.warnf("%s chat completion: attempt %d/%d failed with %s, not retried", provider(), attempt,
                        settings.maxAttempts(), e.getClass().getSimpleName());
                throw new GenerationUnavailableException(provider() + " chat completion failed ("
                        + e.getClass().getSimpleName() + "), not retried", null);
            }
            if (attempt >= settings.maxAttempts()) {
                LOG.warnf("%s chat completion: attempt %d/%d failed with %s, giving up", provider(), attempt,
                        settings.maxAttempts(), failure.what());
                throw new GenerationUnavailableException(provider() + " chat completion failed after " + attempt
                        + (attempt == 1 ? " attempt" : " attempts") + ", the last with " + failure.what(),
                        failure.cause());
            }
            Duration wait = waitBefore(attempt + 1, failure.retryAfter());
            LOG.infof("%s chat completion: attempt %d/%d failed with %s, retrying in %d ms%s", provider(), attempt,
                    settings.maxAttempts(), failure.what(), wait.toMillis(),
                    failure.retryAfter().isPresent() ? " (as the server asked, capped)" : "");
            try {
                pause.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new GenerationUnavailableException(provider() + " chat completion interrupted while waiting to"
                        + " retry after " + failure.what(), e);
            }
        }
    }

    /** Releases the HTTP client's connections and threads. */
    @Override
    public void close() {
        client.close();
    }

    // --- the client and the request ---

    private static OpenAIClient client(OpenAiSettings settings) {
        Duration timeout = settings.timeout();
        OpenAIOkHttpClient.Builder builder = OpenAIOkHttpClient.builder()
                .baseUrl(settings.endpoint())
                // Retries are ours: bounded, capped waits, and counted in the latency we report.
                .maxRetries(0)
                .timeout(Timeout.builder().connect(timeout).read(timeout).write(timeout).request(timeout).build())
                // The SDK would log request and response bodies (prompts, replies) when OPENAI_LOG=debug is set.
                .logLevel(LogLevel.OFF)
                // No X-Stainless-* headers describing our OS and runtime to the provider.
                .disableTelemetry(true)
                // Parse leniently: fields we do not read must not turn a usable reply into an error.
                .responseValidation(false);
        // The SDK checks at build time that the Jackson on the classpath is at least 2.13.4 (major 2); Quarkus's
        // Jackson 2.21 passes, so the check stays on and would fail fast on a real incompatibility.
        if (settings.mode() == OpenAiSettings.Mode.AZURE) {
            builder.azureServiceVersion(AzureOpenAIServiceVersion.fromString(settings.apiVersion()))
                    // LEGACY puts /openai/deployments/{model} in the path and adds ?api-version= for any host;
                    // AUTO would only do so for *.openai.azure.com and similar hosts, not for a proxy or a stub.
                    .azureUrlPathMode(AzureUrlPathMode.LEGACY);
            if (settings.apiKey().isPresent()) {
                builder.credential(AzureApiKeyCredential.create(settings.apiKey().get())); // header api-key
            } else {
                builder.credential(BearerTokenCredential.create(settings.entraToken().orElseThrow()));
            }
        } else {
            // UNIFIED keeps the plain OpenAI layout ({baseUrl}/chat/completions, model in the body) even when the
            // base URL is an Azure host (Azure's OpenAI-compatible /openai/v1 endpoint).
            builder.azureUrlPathMode(AzureUrlPathMode.UNIFIED);
            if (settings.apiKey().isPresent()) {
                builder.apiKey(settings.apiKey().get()); // Authorization: Bearer
            } else {
                // The SDK refuses to build without a credential and refuses to send an empty bearer token; a
                // placeholder whose Authorization header is removed sends no credentials at all.
                builder.credential(BearerTokenCredential.create("no-key")).removeHeaders("Authorization");
            }
        }
        return builder.build();
    }

    /** The strict JSON schema of a reply: every property required, nothing else allowed. */
    private static ResponseFormatJsonSchema responseFormat() {
        Map<String, Object> citationProperties = new LinkedHashMap<>();
        citationProperties.put("marker", Map.of("type", "integer", "description",
                "the number n of the marker [n] in the body"));
        citationProperties.put("documentId", Map.of("type", "string", "description",
                "the documentId of the cited snippet"));
        citationProperties.put("paragraphIndex", Map.of("type", "integer", "description",
                "the paragraphIndex of the cited snippet"));
        Map<String, Object> citation = new LinkedHashMap<>();
        citation.put("type", "object");
        citation.put("properties", citationProperties);
        citation.put("required", List.of("marker", "documentId", "paragraphIndex"));
        citation.put("additionalProperties", false);

        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("subject", Map.of("type", "string", "description", "the e-mail subject, no citation markers"));
        properties.put("body", Map.of("type", "string", "description",
                "the plain-text e-mail body with citation markers [n]"));
        properties.put("citations", Map.of("type", "array", "items", citation));

        ResponseFormatJsonSchema.JsonSchema.Schema schema = ResponseFormatJsonSchema.JsonSchema.Schema.builder()
                .putAdditionalProperty("type", JsonValue.from("object"))
                .putAdditionalProperty("properties", JsonValue.from(properties))
                .putAdditionalProperty("required", JsonValue.from(List.of("subject", "body", "citations")))
                .putAdditionalProperty("additionalProperties", JsonValue.from(false))
                .build();
        return ResponseFormatJsonSchema.builder()
                .jsonSchema(ResponseFormatJsonSchema.JsonSchema.builder()
                        .name(SCHEMA_NAME)
                        .description("One marketing e-mail variant with the citations of its markers")
                        .schema(schema)
                        .strict(true)
                        .build())
                .build();
    }

    // --- the response ---

    private GenerationOutcome interpret(ChatCompletion completion, long latency) {
        Usage usage = usage(completion);
        List<ChatCompletion.Choice> choices = completion._choices().asKnown().orElse(List.of());
        if (choices.isEmpty()) {
            return new GenerationOutcome.Unusable("the response has no choices", usage, latency);
        }
        ChatCompletion.Choice choice = choices.get(0);
        Optional<ChatCompletion.Choice.FinishReason> finish = choice._finishReason().asKnown();
        if (finish.isPresent() && finish.get().equals(ChatCompletion.Choice.FinishReason.CONTENT_FILTER)) {
            Set<String> categories = filteredCategories(json(choice._additionalProperties()
                    .get("content_filter_results")));
            return new GenerationOutcome.Filtered("the provider's content filter stopped the completion"
                    + listed(categories), usage, latency);
        }
        Optional<ChatCompletionMessage> message = choice._message().asKnown();
        if (message.flatMap(m -> m._refusal().asKnown()).filter(r -> !r.isBlank()).isPresent()) {
            return new GenerationOutcome.Filtered("model refused", usage, latency);
        }
        if (finish.isPresent() && finish.get().equals(ChatCompletion.Choice.FinishReason.LENGTH)) {
            return new GenerationOutcome.Unusable("the reply was cut off at the limit of "
                    + settings.maxOutputTokens() + " completion tokens", usage, latency);
        }
        Optional<String> content = message.flatMap(m -> m._content().asKnown()).filter(c -> !c.isBlank());
        if (content.isEmpty()) {
            return new GenerationOutcome.Unusable("the reply has no content", usage, latency);
        }
        return draft(content.get(), usage, latency);
    }

    /** Reads the reply as the JSON object the schema asks for; reasons name fields, never quote the reply. */
    private GenerationOutcome draft(String content, Usage usage, long latency) {
        JsonNode root;
        try {
            root = json.readTree(withoutCodeFence(content));
        } catch (JsonProcessingException e) {
            return new GenerationOutcome.Unusable("the reply is not JSON", usage, latency);
        }
        if (root == null || !root.isObject()) {
            return new GenerationOutcome.Unusable("the reply is not a JSON object", usage, latency);
        }
        JsonNode subject = root.get("subject");
        if (subject == null || !subject.isTextual()) {
            return new GenerationOutcome.Unusable("the reply's subject is missing or not a string", usage, latency);
        }
        JsonNode body = root.get("body");
        if (body == null || !body.isTextual()) {
            return new GenerationOutcome.Unusable("the reply's body is missing or not a string", usage, latency);
        }
        JsonNode citations = root.get("citations");
        if (citations == null || !citations.isArray()) {
            return new GenerationOutcome.Unusable("the reply's citations are missing or not an array", usage,
                    latency);
        }
        List<DraftCitation> parsed = new ArrayList<>();
        for (int i = 0; i < citations.size(); i++) {
            JsonNode citation = citations.get(i);
            String at = "the reply's citations[" + i + "]";
            if (!citation.isObject()) {
                return new GenerationOutcome.Unusable(at + " is not an object", usage, latency);
            }
            JsonNode marker = citation.get("marker");
            if (!isInt(marker)) {
                return new GenerationOutcome.Unusable(at + ".marker is missing or not an integer", usage, latency);
            }
            JsonNode documentId = citation.get("documentId");
            if (documentId == null || !documentId.isTextual()) {
                return new GenerationOutcome.Unusable(at + ".documentId is missing or not a string", usage,
                        latency);
            }
            JsonNode paragraphIndex = citation.get("paragraphIndex");
            if (!isInt(paragraphIndex)) {
                return new GenerationOutcome.Unusable(at + ".paragraphIndex is missing or not an integer", usage,
                        latency);
            }
            parsed.add(new DraftCitation(marker.intValue(), documentId.textValue(), paragraphIndex.intValue()));
        }
        return new GenerationOutcome.Draft(subject.textValue(), body.textValue(), parsed, usage, latency);
    }

    private static boolean isInt(JsonNode node) {
        return node != null && node.isIntegralNumber() && node.canConvertToInt();
    }

    /** Some OpenAI-compatible servers without structured output wrap the object in a Markdown code fence. */
    private static String withoutCodeFence(String content) {
        String text = content.strip();
        if (text.startsWith("```") && text.endsWith("```") && text.length() >= 6) {
            int firstLineEnd = text.indexOf('\n');
            if (firstLineEnd > 0) {
                return text.substring(firstLineEnd + 1, text.length() - 3).strip();
            }
        }
        return text;
    }

    private static Usage usage(ChatCompletion completion) {
        Optional<CompletionUsage> usage = completion._usage().asKnown();
        if (usage.isEmpty()) {
            return Usage.NONE;
        }
        return new Usage(tokens(usage.get()._promptTokens().asKnown()),
                tokens(usage.get()._completionTokens().asKnown()));
    }

    private static int tokens(Optional<Long> count) {
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, count.orElse(0L)));
    }

    // --- errors and retries ---

    private static boolean retryable(int status) {
        return status == 408 || status == 409 || status == 429 || status >= 500;
    }

    /**
     * @return the reason when this 400 is Azure's content filter refusing the prompt ({@code error.code}
     *         {@code content_filter}, or inner error {@code ResponsibleAIPolicyViolation})
     */
    private Optional<String> promptFilter(BadRequestException e) {
        JsonNode error = errorObject(e);
        boolean filtered = "content_filter".equals(error.path("code").asText())
                || "ResponsibleAIPolicyViolation".equals(error.path("innererror").path("code").asText());
        if (!filtered) {
            return Optional.empty();
        }
        Set<String> categories = new TreeSet<>();
        categories.addAll(filteredCategories(error.path("innererror").path("content_filter_result")));
        categories.addAll(filteredCategories(error.path("innererror").path("content_filter_results")));
        categories.addAll(filteredCategories(error.path("content_filter_result")));
        categories.addAll(filteredCategories(error.path("content_filter_results")));
        return Optional.of("the provider's content filter rejected the prompt" + listed(categories));
    }

    /** @return the names of the categories whose {@code filtered} is true, e.g. "hate", "jailbreak" */
    private static Set<String> filteredCategories(JsonNode results) {
        Set<String> categories = new TreeSet<>();
        if (results != null && results.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = results.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getValue().path("filtered").asBoolean(false) && SAFE_TOKEN.matcher(field.getKey())
                        .matches()) {
                    categories.add(field.getKey());
                }
            }
        }
        return categories;
    }

    private static String listed(Set<String> categories) {
        return categories.isEmpty() ? "" : " (" + String.join(", ", categories) + ")";
    }

    /**
     * A 4xx that retrying would not fix: the configuration (endpoint, deployment, key, api-version) or the request is
     * wrong. The SDK's exception is not attached: its message quotes the server's, which for a 401 may echo part of
     * the key.
     */
    private GenerationUnavailableException rejected(OpenAIServiceException e, int attempt) {
        int status = e.statusCode();
        JsonNode error = errorObject(e);
        StringBuilder detail = new StringBuilder();
        safe(error.path("code")).ifPresent(code -> detail.append(", code ").append(code));
        safe(error.path("param")).ifPresent(param -> detail.append(", param ").append(param));
        String hint = switch (status) {
            case 401 -> "; check the api key or token";
            case 403 -> "; the credentials lack access to this resource";
            case 404 -> "; check the endpoint, the " + (settings.mode() == OpenAiSettings.Mode.AZURE
                    ? "deployment name and the api-version"
                    : "base URL and the model name");
            default -> "";
        };
        LOG.warnf("%s chat completion: attempt %d/%d rejected with HTTP %d%s, not retried", provider(), attempt,
                settings.maxAttempts(), status, detail);
        return new GenerationUnavailableException(provider() + " rejected the chat completion request with HTTP "
                + status + detail + hint + " (not retried: a configuration or request problem)", null);
    }

    private static Optional<String> safe(JsonNode node) {
        return node.isTextual() && SAFE_TOKEN.matcher(node.textValue()).matches()
                ? Optional.of(node.textValue())
                : Optional.empty();
    }

    /** @return the error object of an error response ({@code {"error": {...}}}), or a missing node */
    private static JsonNode errorObject(OpenAIServiceException e) {
        try {
            JsonNode body = json(e.body());
            return body.has("error") ? body.get("error") : body;
        } catch (RuntimeException unreadable) {
            return MissingNode.getInstance();
        }
    }

    private static JsonNode json(JsonValue value) {
        if (value == null || value.isMissing() || value.isNull()) {
            return MissingNode.getInstance();
        }
        JsonNode node = value.convert(JsonNode.class);
        return node == null ? MissingNode.getInstance() : node;
    }

    private Failure ioFailure(OpenAIException e) {
        Optional<IOException> cause = transportCause(e);
        if (cause.isPresent() && cause.get() instanceof InterruptedIOException) {
            return new Failure("a timeout after " + settings.timeout().toMillis() + " ms", Optional.empty(),
                    cause.get());
        }
        return new Failure("an I/O error (" + cause.map(c -> c.getClass().getSimpleName()).orElse("unknown") + ")",
                Optional.empty(), cause.orElse(null));
    }

    /** @return the first I/O failure in the cause chain that is not a JSON syntax error */
    private static Optional<IOException> transportCause(Throwable e) {
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause instanceof IOException io && !(cause instanceof JsonProcessingException)) {
                return Optional.of(io);
            }
        }
        return Optional.empty();
    }

    /**
     * @param nextAttempt the attempt about to be made, from 2
     * @param retryAfter what the server asked for, if anything
     * @return the wait: the server's, else 500 ms doubled per attempt and shortened by up to a quarter at random;
     *         never more than {@link OpenAiSettings#maxRetryWait()}
     */
    private Duration waitBefore(int nextAttempt, Optional<Duration> retryAfter) {
        Duration wait = retryAfter.orElseGet(() -> {
            long base = FIRST_BACKOFF.toMillis() << Math.min(nextAttempt - 2, 20);
            double shortening = Math.min(Math.max(jitter.getAsDouble(), 0.0), 1.0) * 0.25;
            return Duration.ofMillis(Math.round(base * (1.0 - shortening)));
        });
        if (wait.isNegative()) {
            wait = Duration.ZERO;
        }
        return wait.compareTo(settings.maxRetryWait()) > 0 ? settings.maxRetryWait() : wait;
    }

    /**
     * @return the wait the server asked for: {@code retry-after-ms} (milliseconds, Azure and OpenAI), else
     *         {@code retry-after} (seconds, or an HTTP date)
     */
    private Optional<Duration> retryAfter(Headers headers) {
        for (String value : headers.values("retry-after-ms")) {
            Optional<Double> millis = number(value);
            if (millis.isPresent()) {
                return Optional.of(Duration.ofMillis(Math.round(millis.get())));
            }
        }
        for (String value : headers.values("retry-after")) {
            Optional<Double> seconds = number(value);
            if (seconds.isPresent()) {
                return Optional.of(Duration.ofMillis(Math.round(Math.min(seconds.get(), 86_400.0) * 1000)));
            }
            try {
                Instant at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration until = Duration.between(clock.instant(), at);
                return Optional.of(until.isNegative() ? Duration.ZERO : until);
            } catch (DateTimeParseException notADate) {
                // neither form: fall back to the backoff
            }
        }
        return Optional.empty();
    }

    private static Optional<Double> number(String value) {
        try {
            double number = Double.parseDouble(value.strip());
            return Double.isFinite(number) && number >= 0 ? Optional.of(number) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private long elapsed(long started) {
        return Math.max(0, clock.millis() - started);
    }

    /**
     * One failed attempt that may be retried.
     *
     * @param what what failed, for the log and the exception: a status code or "a timeout", never a secret or text
     * @param retryAfter the wait the server asked for
     * @param cause the underlying failure, attached to the final exception; {@code null} for HTTP statuses
     */
    private record Failure(String what, Optional<Duration> retryAfter, Throwable cause) {
    }
}
