package dev.cpo.retrieval.retrieve;

import dev.cpo.events.ContentEvent;
import dev.cpo.events.EventIds;
import dev.cpo.events.SegmentEvent;
import dev.cpo.events.Snippet;
import dev.cpo.retrieval.search.ContentSearch;
import dev.cpo.retrieval.search.SegmentQuery;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Turns a customer's segment into the approved content for it: maps the segment to a query, and answers the query
 * from a cache keyed by (query, corpus version), so the index is searched once per distinct segment query, not per
 * customer. Concurrent requests for the same key make one search. Thread-safe.
 */
public final class ContentRetriever {

    /** The stage name that makes output event ids deterministic. */
    public static final String STAGE = "retrieval";

    private record CacheKey(SegmentQuery query, String corpusVersion) {
    }

    private final Function<SegmentEvent, SegmentQuery> queries;
    private final ContentSearch search;
    private final Clock clock;
    private final int maxCacheEntries;
    private final Map<CacheKey, List<Snippet>> cache = new ConcurrentHashMap<>();
    private final AtomicLong searches = new AtomicLong();

    /**
     * @param queries how a segment event becomes a query
     * @param search the index
     * @param clock the clock of {@code occurredAt}
     * @param maxCacheEntries how many distinct queries to remember (the cache is emptied when full)
     */
    public ContentRetriever(Function<SegmentEvent, SegmentQuery> queries, ContentSearch search, Clock clock,
            int maxCacheEntries) {
        this.queries = queries;
        this.search = search;
        this.clock = clock;
        this.maxCacheEntries = maxCacheEntries;
    }

    /**
     * @param segment a customer's segment event
     * @return the content event for the same customer, keyed by customer id
     * @throws dev.cpo.retrieval.search.SearchUnavailableException when the index cannot answer
     */
    public ContentEvent retrieve(SegmentEvent segment) {
        SegmentQuery query = queries.apply(segment);
        String corpusVersion = search.corpusVersion();
        List<Snippet> snippets = snippetsFor(query, corpusVersion);
        return new ContentEvent(EventIds.derive(segment.eventId(), STAGE), ContentEvent.SCHEMA_VERSION,
                clock.instant(), segment.customerId(), segment.eventId(), segment.segment(), segment.features(),
                corpusVersion, search.provider(), query.text(), snippets);
    }

    /**
     * @param query a query
     * @param corpusVersion the version of the corpus the answer must come from (part of the cache key)
     * @return its snippets, from the cache when the same query was answered on the same corpus version
     */
    public List<Snippet> snippetsFor(SegmentQuery query, String corpusVersion) {
        if (cache.size() >= maxCacheEntries) {
            cache.clear();
        }
        return cache.computeIfAbsent(new CacheKey(query, corpusVersion), key -> {
            searches.incrementAndGet();
            return List.copyOf(search.search(key.query()));
        });
    }

    /** @return how many searches reached the index (cache misses) */
    public long searches() {
        return searches.get();
    }

    /** @return the index this retriever searches */
    public ContentSearch search() {
        return search;
    }

    /** Forgets every cached answer (after a rebuild). */
    public void clearCache() {
        cache.clear();
    }
}
