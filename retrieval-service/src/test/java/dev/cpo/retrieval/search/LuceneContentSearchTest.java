package dev.cpo.retrieval.search;

import static dev.cpo.retrieval.corpus.CorpusFixtures.NOW;
import static dev.cpo.retrieval.corpus.CorpusFixtures.approval;
import static dev.cpo.retrieval.corpus.CorpusFixtures.approved;
import static dev.cpo.retrieval.corpus.CorpusFixtures.document;
import static dev.cpo.retrieval.corpus.CorpusFixtures.draft;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cpo.events.Segment;
import dev.cpo.events.Snippet;
import dev.cpo.retrieval.corpus.Corpus;
import dev.cpo.retrieval.corpus.CorpusDocument;
import dev.cpo.retrieval.corpus.CorpusLoader;
import dev.cpo.retrieval.corpus.CorpusVocabulary;
import dev.cpo.retrieval.query.QueryMapper;
import dev.cpo.retrieval.query.SegmentIntent;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LuceneContentSearchTest {

    private static final Corpus SHIPPED = CorpusLoader.fromClasspath();
    private static final List<String> EVERYONE = List.of("everyone");
    private static final Set<String> NEVER_SERVED = Set.of("spring-2027-triple-points", "summer-sale-2026",
            "autumn-camping-clearance-2026", "black-friday-2026");

    private final List<LuceneContentSearch> opened = new ArrayList<>();

    @AfterEach
    void close() {
        opened.forEach(LuceneContentSearch::close);
    }

    @Test
    void expiredAndDraftDocumentsAreNeverReturned() {
        LuceneContentSearch search = open(SHIPPED, Clock.fixed(NOW, ZoneOffset.UTC));
        List<SegmentQuery> queries = new ArrayList<>();
        for (SegmentIntent intent : SegmentIntent.values()) {
            queries.add(new SegmentQuery(intent.text(), intent.audienceTags(), 5, 0));
        }
        for (String id : NEVER_SERVED) {
            CorpusDocument document = SHIPPED.document(id).orElseThrow();
            for (String paragraph : document.paragraphs()) {
                queries.add(new SegmentQuery(document.title() + " " + paragraph, Set.copyOf(document.audience()), 5,
                        0));
            }
        }

        for (SegmentQuery query : queries) {
            assertThat(search.search(query)).as(query.text()).extracting(Snippet::documentId)
                    .doesNotContainAnyElementsOf(NEVER_SERVED);
        }
    }

    @Test
    void documentThatExpiresAfterTheIndexWasBuiltIsNoLongerReturned() {
        CorpusDocument expiring = document("wool-offer", EVERYONE, approval(NOW.minusSeconds(60),
                NOW.plus(Duration.ofHours(1))), "Herdwick wool throw offer this week.", "Wool throws are warm.");
        MutableClock clock = new MutableClock(NOW);
        LuceneContentSearch search = open(Corpus.of(List.of(expiring, approved("wool-care", EVERYONE,
                "Caring for a wool throw.", "Air the wool throw outside."))), clock);
        SegmentQuery query = new SegmentQuery("wool throw", Set.of(), 5, 0);
        String versionBefore = search.corpusVersion();

        assertThat(search.search(query)).extracting(Snippet::documentId).contains("wool-offer");

        clock.advance(Duration.ofHours(1));

        assertThat(search.search(query)).extracting(Snippet::documentId).isNotEmpty()
                .doesNotContain("wool-offer");
        assertThat(search.corpusVersion()).isNotEqualTo(versionBefore);
    }

    @Test
    void documentApprovedForLaterAppearsOnceItsApprovalTakesEffect() {
        CorpusDocument scheduled = document("sale-news", EVERYONE, approval(NOW.plus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(30))), "Winter sale starts on Saturday.", "Sale prices on tents.");
        MutableClock clock = new MutableClock(NOW);
        LuceneContentSearch search = open(Corpus.of(List.of(scheduled, document("draft-sale", EVERYONE,
                draft(NOW.plus(Duration.ofDays(30))), "Winter sale draft.", "Sale draft on tents."))), clock);
        SegmentQuery query = new SegmentQuery("winter sale tents", Set.of(), 5, 0);

        assertThat(search.search(query)).isEmpty();

        clock.advance(Duration.ofDays(1));

        assertThat(search.search(query)).extracting(Snippet::documentId).containsOnly("sale-news");
        assertThat(search.indexedParagraphs()).isEqualTo(2);
    }

    @Test
    void thresholdDropsWeakMatches() {
        LuceneContentSearch search = open(SHIPPED, Clock.fixed(NOW, ZoneOffset.UTC));
        String text = "waterproof jacket hydrostatic head taped seams";

        List<Snippet> everything = search.search(new SegmentQuery(text, Set.of(), 20, 0));
        List<Snippet> strong = search.search(new SegmentQuery(text, Set.of(), 20, 0.5));

        assertThat(everything).anySatisfy(s -> assertThat(s.score()).isLessThan(0.5));
        assertThat(strong).isNotEmpty().hasSizeLessThan(everything.size())
                .allSatisfy(s -> assertThat(s.score()).isGreaterThanOrEqualTo(0.5));
        assertThat(strong.get(0).documentId()).isEqualTo("guide-waterproof-jackets");
    }

    @Test
    void queryTheCorpusHasNothingForReturnsNoSnippets() {
        LuceneContentSearch search = open(SHIPPED, Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(search.search(new SegmentQuery("quantum chromodynamics lattice", Set.of(), 5, 0))).isEmpty();
        assertThat(search.search(new SegmentQuery("the and of", Set.of(), 5, 0))).isEmpty();
        // A single common word among many the corpus lacks covers too little of the query.
        assertThat(search.search(new SegmentQuery("order quantum chromodynamics lattice gauge theory", Set.of(), 5,
                0))).isEmpty();
    }

    @Test
    void bestSnippetScoresOneAndTheRestFollowInOrder() {
        LuceneContentSearch search = open(SHIPPED, Clock.fixed(NOW, ZoneOffset.UTC));

        List<Snippet> snippets = search.search(new SegmentQuery("sleeping bag comfort rating", Set.of(), 5, 0));

        assertThat(snippets.get(0).score()).isEqualTo(1.0);
        assertThat(snippets).extracting(Snippet::score).isSortedAccordingTo((a, b) -> Double.compare(b, a))
                .allSatisfy(score -> assertThat(score).isBetween(0.0, 1.0));
    }

    @Test
    void resultNeverHoldsMoreThanTopK() {
        LuceneContentSearch search = open(SHIPPED, Clock.fixed(NOW, ZoneOffset.UTC));
        String broad = "free delivery returns points voucher tent jacket boots wool gift sale";

        for (int topK = 1; topK <= 8; topK++) {
            assertThat(search.search(new SegmentQuery(broad, Set.of(), topK, 0))).hasSize(topK);
        }
    }

    @Test
    void snippetsCarryTheirDocumentParagraphAndSource() {
        LuceneContentSearch search = open(SHIPPED, Clock.fixed(NOW, ZoneOffset.UTC));

        List<Snippet> snippets = search.search(new SegmentQuery("cast iron skillet rust", Set.of(), 3, 0.5));

        assertThat(snippets).isNotEmpty().allSatisfy(snippet -> {
            CorpusDocument document = SHIPPED.document(snippet.documentId()).orElseThrow();
            assertThat(snippet.title()).isEqualTo(document.title());
            assertThat(snippet.text()).isEqualTo(document.paragraphs().get(snippet.paragraphIndex()));
            assertThat(snippet.source()).isEqualTo("corpus/" + document.id() + ".json");
        });
        assertThat(snippets.get(0).documentId()).isEqualTo("guide-cast-iron-care");
    }

    @Test
    void everySnippetOfEverySegmentQueryIsAtMostTwoHundredWords() {
        LuceneContentSearch search = open(SHIPPED, Clock.fixed(NOW, ZoneOffset.UTC));
        QueryMapper mapper = new QueryMapper(5, 0);

        for (RelevanceJudgments.Case c : RelevanceJudgments.load().cases()) {
            assertThat(search.search(mapper.map(c.segment(), c.features())))
                    .allSatisfy(s -> assertThat(CorpusVocabulary.words(s.text())).isBetween(1, 200));
        }
    }

    @Test
    void distinctDocumentsComeFirstAndNoDocumentTakesMoreThanTwoSnippets() {
        LuceneContentSearch search = open(Corpus.of(List.of(
                approved("tents", EVERYONE, "Ridge tent, backpacking tent.", "Tent flysheet and tent porch.",
                        "Tent pegs for every tent.", "Tent repairs."),
                approved("tent-sale", EVERYONE, "Tent sale on the Ridge tent.", "Nothing else."))),
                Clock.fixed(NOW, ZoneOffset.UTC));

        List<Snippet> two = search.search(new SegmentQuery("tent", Set.of(), 2, 0));
        List<Snippet> five = search.search(new SegmentQuery("tent", Set.of(), 5, 0));

        assertThat(two).extracting(Snippet::documentId).containsExactlyInAnyOrder("tents", "tent-sale");
        assertThat(five).hasSize(3).extracting(Snippet::documentId)
                .containsExactlyInAnyOrder("tents", "tents", "tent-sale");
    }

    @Test
    void documentsForOtherAudiencesAreFilteredOut() {
        LuceneContentSearch search = open(Corpus.of(List.of(
                approved("gold-offer", List.of("gold"), "Gold members: early access to the winter sale."),
                approved("lapsed-offer", List.of("lapsed"), "Come back: 20% off the winter sale."),
                approved("sale", EVERYONE, "The winter sale starts on Saturday."))),
                Clock.fixed(NOW, ZoneOffset.UTC));
        SegmentQuery anyone = new SegmentQuery("winter sale", Set.of(), 5, 0);
        SegmentQuery gold = new SegmentQuery("winter sale", Set.of("gold"), 5, 0);

        assertThat(search.search(anyone)).extracting(Snippet::documentId).containsExactly("sale");
        assertThat(search.search(gold)).extracting(Snippet::documentId).containsExactlyInAnyOrder("gold-offer",
                "sale");
    }

    @Test
    void documentWrittenForTheAudienceOutranksEqualContentForEveryone() {
        LuceneContentSearch search = open(Corpus.of(List.of(
                approved("for-everyone", EVERYONE, "Points stay valid for 18 months.", "Filler text here."),
                approved("for-lapsed", List.of("lapsed"), "Points stay valid for 18 months.", "Filler text here."))),
                Clock.fixed(NOW, ZoneOffset.UTC));

        List<Snippet> snippets = search.search(new SegmentQuery("points valid", Set.of("lapsed"), 2, 0));

        assertThat(snippets).extracting(Snippet::documentId).containsExactly("for-lapsed", "for-everyone");
        assertThat(snippets.get(1).score()).isEqualTo(0.8); // 1 / (1 + 0.25)
    }

    @Test
    void rebuildServesTheNewCorpusAndItsVersion() {
        MutableClock clock = new MutableClock(NOW);
        LuceneContentSearch search = open(Corpus.of(List.of(approved("old", EVERYONE, "Old tent guide.",
                "More tents."))), clock);
        String oldVersion = search.corpusVersion();
        Corpus next = Corpus.of(List.of(approved("new", EVERYONE, "New tent guide.", "More tents.")));

        search.rebuild(next);

        assertThat(search.search(new SegmentQuery("tent guide", Set.of(), 3, 0))).extracting(Snippet::documentId)
                .containsOnly("new");
        assertThat(search.corpusVersion()).isNotEqualTo(oldVersion).isEqualTo(next.versionAt(NOW));
        assertThat(search.corpus()).isSameAs(next);
    }

    @Test
    void searchesRunningDuringRebuildsAllSucceed() throws Exception {
        LuceneContentSearch search = open(SHIPPED, Clock.fixed(NOW, ZoneOffset.UTC));
        QueryMapper mapper = new QueryMapper();
        List<SegmentQuery> queries = RelevanceJudgments.load().cases().stream()
                .map(c -> mapper.map(c.segment(), c.features())).collect(Collectors.toList());
        List<List<Snippet>> expected = queries.stream().map(search::search).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> searchers = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                searchers.add(pool.submit(() -> {
                    int checked = 0;
                    for (int round = 0; round < 200; round++) {
                        for (int i = 0; i < queries.size(); i++) {
                            assertThat(search.search(queries.get(i))).isEqualTo(expected.get(i));
                            checked++;
                        }
                    }
                    return checked;
                }));
            }
            Future<?> rebuilder = pool.submit(() -> {
                for (int i = 0; i < 20; i++) {
                    search.rebuild(SHIPPED);
                }
            });
            rebuilder.get(60, TimeUnit.SECONDS);
            for (Future<Integer> searcher : searchers) {
                assertThat(searcher.get(60, TimeUnit.SECONDS)).isEqualTo(200 * queries.size());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void closedSearchIsUnavailable() {
        LuceneContentSearch search = new LuceneContentSearch(SHIPPED, Clock.fixed(NOW, ZoneOffset.UTC),
                LuceneContentSearch.Options.defaults());

        search.close();

        assertThatThrownBy(() -> search.search(new SegmentQuery("tent", Set.of(), 3, 0)))
                .isInstanceOf(SearchUnavailableException.class);
    }

    @Test
    void providerIsLuceneAndVersionIsTheServableCorpusHash() {
        LuceneContentSearch search = open(SHIPPED, Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(search.provider()).isEqualTo("lucene");
        assertThat(search.corpusVersion()).isEqualTo(SHIPPED.versionAt(NOW)).matches("[0-9a-f]{16}");
    }

    @Test
    void unknownSegmentStillGetsUsefulContent() {
        LuceneContentSearch search = open(SHIPPED, Clock.fixed(NOW, ZoneOffset.UTC));

        List<Snippet> snippets = search.search(new QueryMapper().map(new Segment("vip-2", "Whales", "manual", "1"),
                null));

        assertThat(snippets).hasSizeBetween(3, 4).allSatisfy(s -> assertThat(SHIPPED.document(s.documentId())
                .orElseThrow().audience()).contains("everyone"));
    }

    private LuceneContentSearch open(Corpus corpus, Clock clock) {
        LuceneContentSearch search = new LuceneContentSearch(corpus, clock, LuceneContentSearch.Options.defaults());
        opened.add(search);
        return search;
    }
}
