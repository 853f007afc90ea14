package dev.cpo.retrieval.azure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpo.events.Snippet;
import dev.cpo.retrieval.azure.AzureSearchClient.Hit;
import dev.cpo.retrieval.search.SegmentQuery;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The provider's own rules, without a service: the OData filter and score normalization. */
class AzureContentSearchTest {

    private static final Instant NOW = Instant.parse("2025-03-01T06:00:01.999Z");

    @Test
    void withoutAudienceTagsOnlyContentForEveryoneIsFound() {
        assertThat(AzureContentSearch.filterFor(Set.of(), NOW)).isEqualTo(
                "status eq 'approved' and approvedAt le 2025-03-01T06:00:01.999Z and (expiresAt eq null or expiresAt gt"
                        + " 2025-03-01T06:00:01.999Z) and audienceTags/any(t: t eq 'everyone')");
    }

    @Test
    void audienceTagsAreQuotedSafely() {
        assertThat(AzureContentSearch.filterFor(Set.of("o'brien's club", "everyone"), NOW))
                .endsWith("audienceTags/any(t: t eq 'everyone' or t eq 'o''brien''s club')");
    }

    @Test
    void rerankerScoresAreUsedOnlyWhenEveryResultHasOne() {
        List<Hit> partlyReranked = List.of(hit("a", 10.0, 3.6), hit("b", 5.0, null));

        List<Snippet> snippets = AzureContentSearch.snippets(partlyReranked, query(5, 0.0));

        assertThat(snippets).extracting(Snippet::documentId, Snippet::score)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", 1.0),
                        org.assertj.core.groups.Tuple.tuple("b", 0.5));
    }

    @Test
    void snippetsAreBestFirstAndAtMostTopK() {
        List<Hit> hits = List.of(hit("a", 1.0, 1.0), hit("b", 1.0, 3.0), hit("c", 1.0, 2.0));

        assertThat(AzureContentSearch.snippets(hits, query(2, 0.0))).extracting(Snippet::documentId)
                .containsExactly("b", "c");
    }

    @Test
    void eachDocumentGivesOneParagraphBeforeAnyGivesASecondAndNoneAThird() {
        List<Hit> hits = List.of(hit("a", 0, 4.0), hit("a", 1, 3.9), hit("a", 2, 3.8), hit("b", 0, 2.0),
                hit("c", 0, 1.0));

        assertThat(AzureContentSearch.snippets(hits, query(3, 0.0)))
                .extracting(snippet -> snippet.documentId() + snippet.paragraphIndex())
                .containsExactly("a0", "b0", "c0");
        assertThat(AzureContentSearch.snippets(hits, query(5, 0.0)))
                .extracting(snippet -> snippet.documentId() + snippet.paragraphIndex())
                .containsExactly("a0", "a1", "b0", "c0");
    }

    @Test
    void noResultsMeansNoSnippets() {
        assertThat(AzureContentSearch.snippets(List.of(), query(3, 0.0))).isEmpty();
    }

    private static SegmentQuery query(int topK, double minScore) {
        return new SegmentQuery("spring sale", Set.of(), topK, minScore);
    }

    private static Hit hit(String documentId, double score, Double rerankerScore) {
        return new Hit(documentId, 0, "Title", "Approved text.", null, score, rerankerScore, null);
    }

    private static Hit hit(String documentId, int paragraph, double rerankerScore) {
        return new Hit(documentId, paragraph, "Title", "Approved text.", null, 1.0, rerankerScore, null);
    }
}
