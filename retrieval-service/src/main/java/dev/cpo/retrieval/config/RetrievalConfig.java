package dev.cpo.retrieval.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Settings of the retrieval service, under {@code cpo.retrieval}. */
@ConfigMapping(prefix = "cpo.retrieval")
public interface RetrievalConfig {

    /** The content search providers. */
    enum Provider {
        /** The embedded Lucene index over the approved corpus shipped with the service. */
        LUCENE,
        /** Azure AI Search, with semantic ranking. */
        AZURE_AI_SEARCH
    }

    /** @return which search answers queries */
    @WithDefault("lucene")
    Provider provider();

    /** @return the most snippets per content event (3-5) */
    @WithDefault("4")
    int topK();

    /** @return the normalized score (0..1) below which a snippet is dropped */
    @WithDefault("0.5")
    double minScore();

    /**
     * @return a directory of corpus documents (with its {@code index.json}) to serve instead of the corpus shipped in
     *         the jar, e.g. a mounted volume; re-read by {@code POST /index/rebuild}
     */
    Optional<java.nio.file.Path> corpusDir();

    /** @return how many distinct queries the cache remembers */
    @WithDefault("10000")
    int cacheEntries();

    /** @return Azure AI Search settings, used when the provider is {@code azure-ai-search} */
    Azure azure();

    /** Azure AI Search settings. */
    interface Azure {

        /** @return the service endpoint, {@code https://<name>.search.windows.net} */
        Optional<String> endpoint();

        /** @return the index name */
        @WithDefault("cpo-content")
        String index();

        /** @return the API key (from a secret); without it, Entra ID is used where supported */
        Optional<String> apiKey();

        /** @return the semantic configuration of the index */
        @WithDefault("cpo-semantic")
        String semanticConfiguration();

        /** @return the overall timeout of one search */
        @WithDefault("PT10S")
        Duration timeout();

        /** @return retries after a failed attempt (429, 5xx, timeouts) */
        @WithDefault("3")
        int maxRetries();

        /** @return the longest wait between two attempts (a longer Retry-After is capped here) */
        @WithDefault("PT4S")
        Duration retryDelayCap();

        /** @return the most one index-management request (create the index, upload a batch) may take */
        @WithDefault("PT60S")
        Duration indexingTimeout();

        /** @return the REST api-version; when absent, the newest the SDK knows */
        Optional<String> apiVersion();
    }
}
