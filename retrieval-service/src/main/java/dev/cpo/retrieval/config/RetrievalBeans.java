package dev.cpo.retrieval.config;

import dev.cpo.retrieval.azure.AzureContentSearch;
import dev.cpo.retrieval.azure.AzureSearchSettings;
import dev.cpo.retrieval.query.QueryMapper;
import dev.cpo.retrieval.retrieve.ContentRetriever;
import dev.cpo.retrieval.search.ContentSearch;
import dev.cpo.retrieval.search.LuceneContentSearch;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.net.URI;
import java.time.Clock;

/** Wires the framework-free core into CDI, and chooses the search provider from configuration. */
@ApplicationScoped
public class RetrievalBeans {

    @Produces
    @ApplicationScoped
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The approved corpus, validated at start: a bad document stops the service early. */
    @Produces
    @ApplicationScoped
    CorpusHolder corpus(RetrievalConfig config) {
        return new CorpusHolder(config.corpusDir());
    }

    @Produces
    @ApplicationScoped
    QueryMapper queryMapper(RetrievalConfig config) {
        return new QueryMapper(config.topK(), config.minScore());
    }

    @Produces
    @ApplicationScoped
    ContentSearch contentSearch(RetrievalConfig config, CorpusHolder corpus, Clock clock, Vertx vertx) {
        if (config.provider() == RetrievalConfig.Provider.AZURE_AI_SEARCH) {
            return new AzureContentSearch(azureSettings(config), () -> corpus.current().version(), vertx);
        }
        return new LuceneContentSearch(corpus.current(), clock, LuceneContentSearch.Options.defaults());
    }

    @Produces
    @ApplicationScoped
    ContentRetriever contentRetriever(RetrievalConfig config, QueryMapper mapper, ContentSearch search, Clock clock) {
        return new ContentRetriever(event -> mapper.map(event.segment(), event.features()), search, clock,
                config.cacheEntries());
    }

    /** @return the Azure settings; fails at start with a clear message when the endpoint is missing */
    public static AzureSearchSettings azureSettings(RetrievalConfig config) {
        RetrievalConfig.Azure azure = config.azure();
        String endpoint = azure.endpoint().orElseThrow(() -> new IllegalStateException(
                "cpo.retrieval.provider=azure-ai-search needs CPO_RETRIEVAL_AZURE_ENDPOINT"));
        return new AzureSearchSettings(URI.create(endpoint), azure.index(), azure.apiKey().orElse(null),
                azure.semanticConfiguration(), azure.timeout(), azure.maxRetries(), azure.retryDelayCap(),
                azure.indexingTimeout(), azure.apiVersion().orElse(null));
    }
}
