package dev.cpo.retrieval.search;

import dev.cpo.events.Snippet;
import java.util.List;

/** Finds approved content snippets for a segment's query: the embedded Lucene index, or Azure AI Search. */
public interface ContentSearch {

    /**
     * @param query what to look for
     * @return at most {@code query.topK()} snippets, best first, each with a score normalized to 0..1 and none below
     *         {@code query.minScore()}; only approved, unexpired documents
     * @throws SearchUnavailableException when the search service cannot answer
     */
    List<Snippet> search(SegmentQuery query);

    /** @return the provider name carried on content events ({@code lucene}, {@code azure-ai-search}) */
    String provider();

    /** @return the version of the corpus searched (a hash of its content), part of cache keys */
    String corpusVersion();
}
