package dev.cpo.retrieval.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpo.events.Snippet;
import dev.cpo.retrieval.corpus.Corpus;
import dev.cpo.retrieval.corpus.CorpusDocument;
import dev.cpo.retrieval.corpus.CorpusLoader;
import dev.cpo.retrieval.query.QueryMapper;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Precision at 3 of the embedded index on the labeled judgments of {@code relevance.json}, with the default query
 * mapping and search settings: at least 0.8 for every segment.
 */
class RelevanceTest {

    private static final double MIN_PRECISION = 0.8;

    private final RelevanceJudgments judgments = RelevanceJudgments.load();
    private final Corpus corpus = CorpusLoader.fromClasspath();

    @Test
    void everySegmentGetsRelevantContentInItsTopThree() {
        QueryMapper mapper = new QueryMapper();
        try (LuceneContentSearch search = new LuceneContentSearch(corpus,
                Clock.fixed(judgments.evaluatedAt(), ZoneOffset.UTC), LuceneContentSearch.Options.defaults())) {
            StringBuilder report = new StringBuilder("precision@" + judgments.k() + " per segment:\n");
            for (RelevanceJudgments.Case c : judgments.cases()) {
                List<Snippet> top = search.search(mapper.map(c.segment(), c.features()));
                List<String> ids = top.stream().limit(judgments.k()).map(Snippet::documentId).toList();
                long relevant = ids.stream().filter(c.relevant()::contains).count();
                double precision = (double) relevant / judgments.k();
                report.append(String.format("  %-45s %.2f  %s%n", c.name(), precision, ids));

                assertThat(precision).as("precision@%d of %s, top %s", judgments.k(), c.name(), ids)
                        .isGreaterThanOrEqualTo(MIN_PRECISION);
            }
            System.out.print(report);
        }
    }

    @Test
    void judgmentsNameOnlyDocumentsServableWhenTheyWereMade() {
        Set<String> servable = corpus.servableAt(judgments.evaluatedAt()).stream().map(CorpusDocument::id)
                .collect(Collectors.toSet());

        assertThat(judgments.cases()).allSatisfy(c -> assertThat(servable).containsAll(c.relevant()));
    }

    @Test
    void judgmentsCoverEveryRfmAndLifecycleSegmentAndSomeKMeansOnes() {
        assertThat(judgments.cases()).extracting(c -> c.segment().id()).contains("rfm-champions", "rfm-loyal",
                "rfm-potential-loyalists", "rfm-new", "rfm-at-risk", "rfm-hibernating", "rfm-lost", "lifecycle-new",
                "lifecycle-normal", "lifecycle-dormant", "kmeans-recent-frequent-high-value",
                "kmeans-cooling-regular-high-value", "kmeans-lapsed-occasional-low-spend");
    }
}
