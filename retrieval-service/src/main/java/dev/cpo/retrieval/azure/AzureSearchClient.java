package dev.cpo.retrieval.azure;

import dev.cpo.azure.RetryRules;
import com.azure.core.credential.AzureKeyCredential;
import com.azure.core.credential.TokenCredential;
import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpClient;
import com.azure.core.http.policy.RetryOptions;
import com.azure.core.http.vertx.VertxHttpClientBuilder;
import com.azure.identity.CredentialUnavailableException;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.search.documents.SearchAsyncClient;
import com.azure.search.documents.SearchClientBuilder;
import com.azure.search.documents.SearchDocument;
import com.azure.search.documents.indexes.SearchIndexAsyncClient;
import com.azure.search.documents.indexes.SearchIndexClientBuilder;
import com.azure.search.documents.indexes.models.SearchIndex;
import com.azure.search.documents.models.IndexDocumentsOptions;
import com.azure.search.documents.models.IndexingResult;
import com.azure.search.documents.models.QueryCaption;
import com.azure.search.documents.models.QueryCaptionResult;
import com.azure.search.documents.models.QueryCaptionType;
import com.azure.search.documents.models.QueryType;
import com.azure.search.documents.models.SearchOptions;
import com.azure.search.documents.models.SearchResult;
import com.azure.search.documents.models.SemanticSearchOptions;
import com.azure.search.documents.models.SemanticSearchResult;
import com.azure.search.documents.util.SearchPagedResponse;
import dev.cpo.retrieval.search.SearchUnavailableException;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;

/**
 * The one place that holds the Azure AI Search SDK: builds its clients on a Vert.x HTTP client with bounded retries,
 * runs each call within an overall timeout, and turns every failure into a {@link SearchUnavailableException} whose
 * message says what failed (never the key). Calls block: never call them on a Vert.x event-loop thread.
 */
final class AzureSearchClient {

    /**
     * One search result, as read from the service.
     *
     * @param rerankerScore the semantic ranker's score (0..4), {@code null} when the service did not rerank
     * @param caption the extractive caption, {@code null} when none came back
     */
    record Hit(String documentId, int paragraphIndex, String title, String content, String source, double score,
            Double rerankerScore, String caption) {
    }

    private static final int KEYS_PER_PAGE = 1000;

    private final AzureSearchSettings settings;
    private final Duration timeout;
    private final SearchAsyncClient documents;
    private final SearchIndexAsyncClient indexes;

    private AzureSearchClient(AzureSearchSettings settings, Duration timeout, SearchAsyncClient documents,
            SearchIndexAsyncClient indexes) {
        this.settings = settings;
        this.timeout = timeout;
        this.documents = documents;
        this.indexes = indexes;
    }

    /**
     * @param settings where and how
     * @param timeout the most one call may take, retries included; also the limit of each try
     * @param vertx the Vert.x whose HTTP client carries the calls (Quarkus's own, in the service)
     * @param httpOptions adjusts the Vert.x client's options (the tests add their stub's trust store)
     * @param tokenCredential the Entra ID credential when {@code settings} has no key; {@code null}:
     *        {@code DefaultAzureCredential}
     * @return the client
     */
    static AzureSearchClient create(AzureSearchSettings settings, Duration timeout, Vertx vertx,
            Consumer<HttpClientOptions> httpOptions, TokenCredential tokenCredential) {
        HttpClientOptions options = new HttpClientOptions()
                .setConnectTimeout((int) Math.min(timeout.toMillis(), Duration.ofSeconds(10).toMillis()))
                .setReadIdleTimeout((int) timeout.toMillis())
                .setWriteIdleTimeout((int) timeout.toMillis())
                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                .setMaxHeaderSize(256 * 1024);
        httpOptions.accept(options);
        HttpClient httpClient = new VertxHttpClientBuilder().vertx(Objects.requireNonNull(vertx, "vertx"))
                .httpClientOptions(options).responseTimeout(timeout).build();

        RetryOptions retries = RetryRules.options(settings.maxRetries(), settings.retryDelayCap(), Instant::now);
        String endpoint = settings.endpoint().toString();

        SearchClientBuilder search = new SearchClientBuilder().endpoint(endpoint).indexName(settings.indexName())
                .serviceVersion(settings.serviceVersion()).httpClient(httpClient).retryOptions(retries);
        SearchIndexClientBuilder index = new SearchIndexClientBuilder().endpoint(endpoint)
                .serviceVersion(settings.serviceVersion()).httpClient(httpClient).retryOptions(retries);
        if (settings.usesApiKey()) {
            AzureKeyCredential key = new AzureKeyCredential(settings.apiKey());
            search.credential(key);
            index.credential(key);
        } else {
            TokenCredential credential = tokenCredential != null
                    ? tokenCredential
                    : new DefaultAzureCredentialBuilder().httpClient(httpClient).build();
            search.credential(credential);
            index.credential(credential);
        }
        return new AzureSearchClient(settings, timeout, search.buildAsyncClient(), index.buildAsyncClient());
    }

    /**
     * Runs one semantic query: extractive captions, the given filter, at most {@code top} results.
     *
     * @return the results, best first as the service ranked them
     * @throws SearchUnavailableException when the service cannot answer within the timeout, or its answer cannot be
     *         read
     */
    List<Hit> search(String text, String filter, int top) {
        SearchOptions options = new SearchOptions().setQueryType(QueryType.SEMANTIC)
                .setSemanticSearchOptions(new SemanticSearchOptions()
                        .setSemanticConfigurationName(settings.semanticConfiguration())
                        .setQueryCaption(new QueryCaption(QueryCaptionType.EXTRACTIVE)))
                .setFilter(filter).setTop(top).setSelect(AzureIndexSchema.SNIPPET_FIELDS.toArray(String[]::new));
        String what = "a search of index '" + settings.indexName() + "'";
        SearchPagedResponse page = call(what, documents.search(text, options).byPage().next());
        List<SearchResult> results = page == null ? List.of() : page.getValue();
        List<Hit> hits = new ArrayList<>(results.size());
        for (int i = 0; i < results.size(); i++) {
            try {
                hits.add(hit(what, i, results.get(i)));
            } catch (SearchUnavailableException unreadable) {
                throw unreadable;
            } catch (RuntimeException unreadable) {
                throw new SearchUnavailableException("Azure AI Search's response to " + what + " could not be read: "
                        + "result " + i + ": " + describe(unreadable), unreadable);
            }
        }
        return hits;
    }

    /**
     * Creates the index, or updates it in place (Azure refuses changes to an existing field's attributes: delete the
     * index first then).
     */
    void createOrUpdateIndex(SearchIndex index) {
        call("creating or updating index '" + index.getName() + "'", indexes.createOrUpdateIndex(index));
    }

    /**
     * Merges or uploads one batch: each document is created, or its given fields overwritten.
     *
     * @return one result per document; a document the service refused carries its reason
     */
    List<IndexingResult> mergeOrUpload(List<SearchDocument> batch) {
        var response = call("uploading " + batch.size() + " documents to index '" + settings.indexName() + "'",
                documents.mergeOrUploadDocumentsWithResponse(batch, new IndexDocumentsOptions().setThrowOnAnyError(
                        false)));
        return response.getValue().getResults();
    }

    /**
     * @return the key of every document in the index, in key order (Azure pages by {@code $skip}, which stops at
     *         100,000 documents)
     */
    List<String> allKeys() {
        String what = "listing the keys of index '" + settings.indexName() + "'";
        List<String> keys = new ArrayList<>();
        while (true) {
            SearchOptions options = new SearchOptions().setSelect(AzureIndexSchema.ID)
                    .setOrderBy(AzureIndexSchema.ID).setTop(KEYS_PER_PAGE).setSkip(keys.size());
            SearchPagedResponse page = call(what, documents.search("*", options).byPage().next());
            List<SearchResult> results = page == null ? List.of() : page.getValue();
            for (SearchResult result : results) {
                Object key = result.getDocument(SearchDocument.class).get(AzureIndexSchema.ID);
                if (!(key instanceof String id)) {
                    throw new SearchUnavailableException("Azure AI Search's response to " + what
                            + " could not be read: a document without a key", null);
                }
                keys.add(id);
            }
            if (results.size() < KEYS_PER_PAGE) {
                return keys;
            }
        }
    }

    /**
     * Deletes one batch of documents by key (deleting a key the index does not hold succeeds).
     *
     * @return one result per key
     */
    List<IndexingResult> delete(List<String> keys) {
        List<SearchDocument> documentKeys = keys.stream().map(key -> {
            SearchDocument document = new SearchDocument();
            document.put(AzureIndexSchema.ID, key);
            return document;
        }).toList();
        var response = call("deleting " + keys.size() + " documents from index '" + settings.indexName() + "'",
                documents.deleteDocumentsWithResponse(documentKeys,
                        new IndexDocumentsOptions().setThrowOnAnyError(false)));
        return response.getValue().getResults();
    }

    private <T> T call(String what, Mono<T> call) {
        if (Context.isOnEventLoopThread()) {
            throw new IllegalStateException("Azure AI Search calls block: make " + what
                    + " on a worker thread (e.g. @Blocking), never on a Vert.x event loop");
        }
        try {
            return call.timeout(timeout).block();
        } catch (RuntimeException failure) {
            throw unavailable(what, Exceptions.unwrap(failure));
        }
    }

    private Hit hit(String what, int position, SearchResult result) {
        Map<String, Object> document = result.getDocument(SearchDocument.class);
        Object documentId = document.get(AzureIndexSchema.DOCUMENT_ID);
        Object paragraphIndex = document.get(AzureIndexSchema.PARAGRAPH_INDEX);
        Object content = document.get(AzureIndexSchema.CONTENT);
        if (!(documentId instanceof String id) || id.isBlank() || !(paragraphIndex instanceof Number index)
                || !(content instanceof String text) || text.isBlank()) {
            throw new SearchUnavailableException("Azure AI Search's response to " + what
                    + " could not be read: result " + position + " lacks documentId, paragraphIndex or content "
                    + "(is the index built with AzureIndexManager's schema?)", null);
        }
        SemanticSearchResult semantic = result.getSemanticSearch();
        Double rerankerScore = semantic == null ? null : semantic.getRerankerScore();
        List<QueryCaptionResult> captions = semantic == null ? null : semantic.getQueryCaptions();
        String caption = captions == null || captions.isEmpty() ? null : captions.get(0).getText();
        Object title = document.get(AzureIndexSchema.TITLE);
        Object source = document.get(AzureIndexSchema.SOURCE);
        return new Hit(id, index.intValue(), title instanceof String t ? t : "", text,
                source instanceof String s && !s.isBlank() ? s : null, result.getScore(), rerankerScore, caption);
    }

    private SearchUnavailableException unavailable(String what, Throwable failure) {
        String service = "Azure AI Search at " + settings.endpoint().getHost();
        int retries = settings.maxRetries();
        String afterRetries = retries == 0 ? "" : " after " + retries + (retries == 1 ? " retry" : " retries");
        if (failure instanceof SearchUnavailableException already) {
            return already;
        }
        if (failure instanceof TimeoutException) {
            return new SearchUnavailableException(service + " did not finish " + what + " within " + timeout
                    + " (retries included)", failure);
        }
        if (failure instanceof HttpResponseException http && http.getResponse() != null) {
            int status = http.getResponse().getStatusCode();
            if (status >= 200 && status < 300) {
                return new SearchUnavailableException(service + "'s response to " + what + " could not be read: "
                        + firstLine(http.getMessage()) + causeOf(http), failure);
            }
            var retryAfter = RetryRules.retryAfter(http.getResponse().getHeaders(), Instant.now());
            if (RetryRules.retryableStatus(status) && retryAfter.isPresent()
                    && retryAfter.get().compareTo(settings.retryDelayCap()) > 0) {
                return new SearchUnavailableException(service + " is throttling " + what + ": HTTP " + status
                        + " asking to retry after " + retryAfter.get() + ", longer than the retry delay cap "
                        + settings.retryDelayCap(), failure);
            }
            if (failure instanceof ClientAuthenticationException || status == 401 || status == 403) {
                return new SearchUnavailableException(service + " refused the credentials for " + what + ": HTTP "
                        + status + " (check the API key or the identity's role)", failure);
            }
            return new SearchUnavailableException(service + " answered HTTP " + status + " to " + what
                    + (RetryRules.retryableStatus(status) ? afterRetries : "") + ": " + firstLine(http.getMessage()),
                    failure);
        }
        if (failure instanceof CredentialUnavailableException || failure instanceof ClientAuthenticationException) {
            return new SearchUnavailableException(service + ": no Entra ID token for " + what + ": "
                    + firstLine(failure.getMessage()), failure);
        }
        if (hasCause(failure, TimeoutException.class) || failure.getClass().getName().contains("Timeout")) {
            return new SearchUnavailableException(service + " did not finish " + what + " within " + timeout
                    + " (retries included)", failure);
        }
        if (hasCause(failure, IOException.class) && !(failure instanceof UncheckedIOException)) {
            return new SearchUnavailableException(service + " could not be reached for " + what + afterRetries + ": "
                    + describe(failure), failure);
        }
        return new SearchUnavailableException(service + "'s response to " + what + " could not be read: "
                + describe(failure), failure);
    }

    private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String causeOf(Throwable failure) {
        Throwable cause = failure.getCause();
        return cause == null ? "" : " (" + describe(cause) + ")";
    }

    private static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + firstLine(root.getMessage());
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        String line = message.lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }
}
