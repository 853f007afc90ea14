package dev.cpo.retrieval.azure;

import dev.cpo.events.Snippet;
import dev.cpo.retrieval.azure.AzureSearchClient.Hit;
import dev.cpo.retrieval.corpus.CorpusVocabulary;
import dev.cpo.retrieval.search.ContentSearch;
import dev.cpo.retrieval.search.SearchUnavailableException;
import dev.cpo.retrieval.search.SegmentQuery;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Finds approved snippets in an Azure AI Search index built by {@link AzureIndexManager}, with the same rules as the
 * embedded {@code LuceneContentSearch} where the service allows:
 * <ol>
 * <li><b>Query</b>: semantic ranking with the configured semantic configuration and extractive captions, over the
 * {@value #CANDIDATES_PER_SNIPPET}&times;topK best candidates (at most 50, what the semantic ranker reranks).</li>
 * <li><b>Filter</b> (OData, in the service): approved and servable at the search instant
 * ({@code approvedAt <= now < expiresAt}), and suiting the audience: carrying one of the query's tags or
 * {@code everyone} (a query without tags gets {@code everyone} documents only).</li>
 * <li><b>Normalize</b> to 0..1: the semantic ranker's {@code @search.rerankerScore} (0..4) divided by 4 when every
 * result carries one, so a score is absolute; otherwise (the ranker could not rerank in time and the service
 * answered with BM25 only) {@code @search.score} divided by the best one of the result set, as Lucene does, so the
 * best scores 1. Results below {@code minScore} are dropped.</li>
 * <li><b>Diversity</b>: documents best first, one paragraph each; only when fewer documents than {@code topK} pass do
 * second paragraphs fill the rest. Sorted best first, ties by document id and paragraph.</li>
 * </ol>
 * A snippet's text is the whole approved paragraph, never the caption (an excerpt): generation quotes approved text as
 * approved. There is no audience boost and no coverage floor: the semantic ranker's score already says how well a
 * paragraph answers the query.
 * <p>
 * Searching blocks (within the configured timeout, retries included): call it from a worker thread, never a Vert.x
 * event loop.
 */
public final class AzureContentSearch implements ContentSearch {

    /** The provider name carried on content events. */
    public static final String PROVIDER = "azure-ai-search";

    /** Candidates requested per snippet wanted. */
    static final int CANDIDATES_PER_SNIPPET = 3;

    /** The audience tag of content for every customer ({@code CorpusVocabulary.EVERYONE}). */
    static final String EVERYONE = CorpusVocabulary.EVERYONE;

    private static final int MAX_CANDIDATES = 50;
    private static final int MAX_PER_DOCUMENT = 2;
    private static final double RERANKER_MAX = 4.0;
    private static final Comparator<Snippet> BEST_FIRST = Comparator.comparingDouble(Snippet::score).reversed()
            .thenComparing(Snippet::documentId).thenComparingInt(Snippet::paragraphIndex);

    private final AzureSearchClient client;
    private final Supplier<String> corpusVersion;
    private final Clock clock;

    /**
     * @param settings the index and how to reach it
     * @param corpusVersion the version of the corpus last uploaded to the index (part of cache keys)
     * @param vertx the Vert.x whose HTTP client carries the calls: in Quarkus, inject {@code io.vertx.core.Vertx}, so
     *        the SDK shares Quarkus's event loops (it never brings its own Netty stack)
     */
    public AzureContentSearch(AzureSearchSettings settings, Supplier<String> corpusVersion, Vertx vertx) {
        this(AzureSearchClient.create(settings, settings.timeout(), vertx, options -> {
        }, null), corpusVersion, Clock.systemUTC());
    }

    AzureContentSearch(AzureSearchClient client, Supplier<String> corpusVersion, Clock clock) {
        this.client = client;
        this.corpusVersion = Objects.requireNonNull(corpusVersion, "corpusVersion");
        this.clock = clock;
    }

    /**
     * @throws SearchUnavailableException when the service cannot answer within the timeout (after its retries), or
     *         its answer cannot be read
     */
    @Override
    public List<Snippet> search(SegmentQuery query) {
        int candidates = Math.min(MAX_CANDIDATES, query.topK() * CANDIDATES_PER_SNIPPET);
        List<Hit> hits = client.search(query.text(), filterFor(query.audienceTags(), clock.instant()), candidates);
        return snippets(hits, query);
    }

    @Override
    public String provider() {
        return PROVIDER;
    }

    @Override
    public String corpusVersion() {
        return corpusVersion.get();
    }

    /**
     * The OData filter of a query: approved and servable at {@code now}, for {@code everyone} or one of the query's
     * audiences.
     */
    static String filterFor(Set<String> audienceTags, Instant now) {
        String at = DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.MILLIS));
        String audiences = Stream.concat(Stream.of(EVERYONE), audienceTags.stream().sorted()).distinct()
                .map(tag -> "t eq " + literal(tag)).collect(Collectors.joining(" or "));
        return AzureIndexSchema.STATUS + " eq " + literal(AzureIndexDocument.STATUS_APPROVED) + " and "
                + AzureIndexSchema.APPROVED_AT + " le " + at + " and (" + AzureIndexSchema.EXPIRES_AT + " eq null or "
                + AzureIndexSchema.EXPIRES_AT + " gt " + at + ") and " + AzureIndexSchema.AUDIENCE_TAGS + "/any(t: "
                + audiences + ")";
    }

    /** The snippets of a result set: normalized, at least {@code minScore}, diverse, best first, at most topK. */
    static List<Snippet> snippets(List<Hit> hits, SegmentQuery query) {
        boolean reranked = !hits.isEmpty() && hits.stream().allMatch(hit -> hit.rerankerScore() != null);
        double best = hits.stream().mapToDouble(Hit::score).max().orElse(0);
        List<Snippet> passing = hits.stream()
                .map(hit -> new Snippet(hit.documentId(), hit.title(), hit.paragraphIndex(), hit.content(),
                        reranked ? clamp(hit.rerankerScore() / RERANKER_MAX) : best > 0 ? clamp(hit.score() / best) : 0,
                        hit.source()))
                .filter(snippet -> snippet.score() >= query.minScore()).sorted(BEST_FIRST).toList();
        List<Snippet> chosen = new ArrayList<>();
        Map<String, Integer> perDocument = new HashMap<>();
        for (int round = 1; round <= MAX_PER_DOCUMENT && chosen.size() < query.topK(); round++) {
            for (Snippet snippet : passing) {
                if (chosen.size() == query.topK()) {
                    break;
                }
                int taken = perDocument.getOrDefault(snippet.documentId(), 0);
                if (taken == round - 1 && !chosen.contains(snippet)) {
                    chosen.add(snippet);
                    perDocument.put(snippet.documentId(), taken + 1);
                }
            }
        }
        chosen.sort(BEST_FIRST);
        return List.copyOf(chosen);
    }

    private static double clamp(double score) {
        return Math.max(0, Math.min(1, score));
    }

    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
