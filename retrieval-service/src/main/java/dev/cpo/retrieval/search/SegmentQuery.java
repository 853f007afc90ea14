package dev.cpo.retrieval.search;

import java.util.Set;

/**
 * What to look for on behalf of one segment: free text, the audience tags a document should suit, how many snippets
 * to return at most, and the weakest normalized score still worth returning.
 *
 * @param text the query text
 * @param audienceTags audience tags that a matching document should carry (a boost or filter, by provider)
 * @param topK the most snippets to return (3-5)
 * @param minScore the normalized score (0..1) below which a snippet is dropped
 */
public record SegmentQuery(String text, Set<String> audienceTags, int topK, double minScore) {

    public SegmentQuery {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("query text must not be blank");
        }
        audienceTags = audienceTags == null ? Set.of() : Set.copyOf(audienceTags);
        if (topK < 1) {
            throw new IllegalArgumentException("topK must be at least 1");
        }
        if (minScore < 0 || minScore > 1) {
            throw new IllegalArgumentException("minScore must be within 0..1");
        }
    }
}
