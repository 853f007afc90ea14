package dev.cpo.retrieval.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cpo.events.Segment;
import dev.cpo.events.SegmentFeatures;
import dev.cpo.retrieval.corpus.CorpusLoader;
import dev.cpo.retrieval.corpus.CorpusVocabulary;
import dev.cpo.retrieval.search.SegmentQuery;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class QueryMapperTest {

    private final QueryMapper mapper = new QueryMapper();

    @ParameterizedTest
    @CsvSource({
            "rfm-champions, Champions, CHAMPIONS",
            "rfm-loyal, Loyal, LOYAL",
            "rfm-potential-loyalists, Potential Loyalists, POTENTIAL_LOYALISTS",
            "rfm-new, New, NEW_CUSTOMER",
            "rfm-at-risk, At Risk, AT_RISK",
            "rfm-hibernating, Hibernating, HIBERNATING",
            "rfm-lost, Lost, LOST"})
    void everyRfmSegmentMapsToItsIntent(String id, String label, SegmentIntent intent) {
        Segment segment = new Segment(id, label, "rfm", "rfm-2026.01");

        assertThat(mapper.intent(segment, buyer(30, 3))).isEqualTo(intent);
        assertThat(mapper.map(segment, buyer(30, 3)).text()).startsWith(intent.text());
    }

    @ParameterizedTest
    @CsvSource({
            "lifecycle-new, New, WELCOME",
            "lifecycle-normal, Normal, ACTIVE",
            "lifecycle-dormant, Dormant, DORMANT"})
    void everyLifecycleSegmentMapsToItsIntent(String id, String label, SegmentIntent intent) {
        Segment segment = new Segment(id, label, "lifecycle", "lifecycle-v1-d3-n1");

        assertThat(mapper.intent(segment, null)).isEqualTo(intent);
    }

    @ParameterizedTest
    @CsvSource({
            "Recent Frequent High-Value, CHAMPIONS",
            "Cooling Regular High-Value, POTENTIAL_LOYALISTS",
            "Lapsed Occasional Low-Spend, LOST",
            "Lapsed Frequent High-Value, AT_RISK",
            "Lapsed Regular Mid-Value, AT_RISK",
            "Recent Occasional Low-Spend, NEW_CUSTOMER",
            "Recent Regular Mid-Value, POTENTIAL_LOYALISTS",
            "Cooling Frequent Mid-Value, LOYAL",
            "Cooling Occasional Mid-Value, HIBERNATING",
            "Lapsed Occasional Low-Spend Most-Recent, LOST",
            "Lapsed Occasional Low-Spend Least-Recent, LOST",
            "Recent Frequent High-Value Higher-Spend, CHAMPIONS",
            "Cooling Occasional Low-Spend Less-Frequent, HIBERNATING"})
    void kMeansLabelsMapThroughTheRfmRuleTable(String label, SegmentIntent intent) {
        Segment segment = new Segment("kmeans-" + label.toLowerCase().replace(' ', '-'), label, "kmeans",
                "kmeans-2026.01");

        assertThat(mapper.intent(segment, buyer(30, 3))).isEqualTo(intent);
    }

    @Test
    void kMeansWordsAddTheirAudienceTags() {
        SegmentQuery query = mapper.map(new Segment("kmeans-lapsed-occasional-low-spend",
                "Lapsed Occasional Low-Spend", "kmeans", "kmeans-2026.01"), null);

        assertThat(query.audienceTags()).containsExactlyInAnyOrder("lost", "lapsed", "occasional", "low-spend");
    }

    @Test
    void labelAloneIsEnoughWhenTheIdIsUnknown() {
        assertThat(mapper.intent(new Segment("seg-17", "Champions", "rfm-rules", "v3"), null))
                .isEqualTo(SegmentIntent.CHAMPIONS);
        assertThat(mapper.intent(new Segment("seg-18", "new", "rfm-rules", "v3"), null))
                .isEqualTo(SegmentIntent.NEW_CUSTOMER);
        assertThat(mapper.intent(new Segment("seg-19", "New", "lifecycle", "v3"), null))
                .isEqualTo(SegmentIntent.WELCOME);
    }

    @Test
    void wordsOfTheIdAreReadWhenTheLabelHasNone() {
        Segment segment = new Segment("lapsed-high-value", "Segment 4", "rfm-rules", "v1");

        assertThat(mapper.intent(segment, null)).isEqualTo(SegmentIntent.AT_RISK);
        assertThat(mapper.map(segment, null).audienceTags()).contains("high-value", "lapsed", "at-risk");
    }

    @Test
    void unknownSegmentGetsTheDefaultQueryNeverAnError() {
        SegmentQuery query = mapper.map(new Segment("vip-2", "Whales", "manual", "1"), buyer(30, 3));

        assertThat(query.text()).isEqualTo(SegmentIntent.DEFAULT.text());
        assertThat(query.audienceTags()).isEmpty();
        assertThat(query.topK()).isEqualTo(QueryMapper.DEFAULT_TOP_K);
        assertThat(query.minScore()).isEqualTo(QueryMapper.DEFAULT_MIN_SCORE);
    }

    @Test
    void customerWhoNeverBoughtWithAYoungAccountIsWelcomed() {
        SegmentFeatures neverBought = new SegmentFeatures(null, 0, BigDecimal.ZERO, 1, 5, null, true);

        assertThat(mapper.intent(new Segment("rfm-lost", "Lost", "rfm", "v"), neverBought))
                .isEqualTo(SegmentIntent.WELCOME);
        assertThat(mapper.map(new Segment("rfm-lost", "Lost", "rfm", "v"), neverBought).audienceTags())
                .containsExactly("never-purchased");
    }

    @Test
    void oldAccountThatNeverBoughtKeepsItsSegmentIntent() {
        SegmentFeatures neverBought = new SegmentFeatures(null, 0, BigDecimal.ZERO, 400, 900, null, true);

        assertThat(mapper.intent(new Segment("rfm-lost", "Lost", "rfm", "v"), neverBought))
                .isEqualTo(SegmentIntent.LOST);
        assertThat(mapper.intent(new Segment("lifecycle-dormant", "Dormant", "lifecycle", "v"), neverBought))
                .isEqualTo(SegmentIntent.DORMANT);
    }

    @Test
    void lifecycleNewcomerWhoAlreadyOrderedIsANewCustomer() {
        SegmentFeatures ordered = new SegmentFeatures(0, 1, new BigDecimal("45.00"), 0, 0, null, true);

        SegmentQuery query = mapper.map(new Segment("lifecycle-new", "New", "lifecycle", "v"), ordered);

        assertThat(query.text()).isEqualTo(SegmentIntent.NEW_CUSTOMER.text());
        assertThat(query.audienceTags()).containsExactly("new");
    }

    @Test
    void featuresAddLapsedDormantAndNewTags() {
        Segment normal = new Segment("lifecycle-normal", "Normal", "lifecycle", "v");

        assertThat(mapper.map(normal, new SegmentFeatures(200, 2, BigDecimal.TEN, 10, 800, null, true))
                .audienceTags()).containsExactly("lapsed");
        assertThat(mapper.map(normal, new SegmentFeatures(20, 2, BigDecimal.TEN, 180, 800, null, true))
                .audienceTags()).containsExactly("dormant");
        assertThat(mapper.map(normal, new SegmentFeatures(3, 1, BigDecimal.TEN, 1, 30, null, true))
                .audienceTags()).containsExactly("new");
        assertThat(mapper.map(normal, new SegmentFeatures(179, 2, BigDecimal.TEN, 179, 31, null, true))
                .audienceTags()).isEmpty();
    }

    @Test
    void knownTierAddsItsTagAndBenefitsToTheQuery() {
        Segment champions = new Segment("rfm-champions", "Champions", "rfm", "v");

        SegmentQuery gold = mapper.map(champions, new SegmentFeatures(5, 9, BigDecimal.TEN, 1, 900, " Gold ", true));
        SegmentQuery platinum = mapper.map(champions,
                new SegmentFeatures(5, 9, BigDecimal.TEN, 1, 900, "platinum", true));

        assertThat(gold.audienceTags()).contains("gold");
        assertThat(gold.text()).endsWith(", gold member benefits");
        assertThat(platinum.audienceTags()).doesNotContain("platinum");
        assertThat(platinum.text()).isEqualTo(SegmentIntent.CHAMPIONS.text());
    }

    @Test
    void spendDoesNotChangeTheQuery() {
        Segment loyal = new Segment("rfm-loyal", "Loyal", "rfm", "v");

        assertThat(mapper.map(loyal, new SegmentFeatures(30, 6, new BigDecimal("12.00"), 3, 900, null, true)))
                .isEqualTo(mapper.map(loyal, new SegmentFeatures(30, 6, new BigDecimal("9000"), 3, 900, null, true)));
    }

    @Test
    void queryCarriesTheConfiguredSizeAndThreshold() {
        SegmentQuery query = new QueryMapper(5, 0.6).map(new Segment("rfm-loyal", "Loyal", "rfm", "v"), null);

        assertThat(query.topK()).isEqualTo(5);
        assertThat(query.minScore()).isEqualTo(0.6);
        assertThatThrownBy(() -> new QueryMapper(0, 0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new QueryMapper(3, 1.5)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @EnumSource(SegmentIntent.class)
    void everyIntentUsesOnlyTagsThatDocumentsCanCarry(SegmentIntent intent) {
        assertThat(CorpusVocabulary.AUDIENCES).containsAll(intent.audienceTags());
        assertThat(intent.audienceTags()).doesNotContain(CorpusVocabulary.EVERYONE);
    }

    @ParameterizedTest
    @EnumSource(SegmentIntent.class)
    void everyTaggedIntentHasDocumentsWrittenForIt(SegmentIntent intent) {
        var servable = CorpusLoader.fromClasspath().servableAt(java.time.Instant.parse("2026-12-01T09:00:00Z"));

        for (String tag : intent.audienceTags()) {
            assertThat(servable).as("documents for tag %s of %s", tag, intent).anyMatch(d -> d.suits(tag));
        }
    }

    @Test
    void corpusGuideDocumentsEveryIntent() throws IOException {
        String guide = Files.readString(Path.of("CORPUS.md"));

        assertThat(Arrays.stream(SegmentIntent.values())).allSatisfy(intent -> assertThat(guide)
                .contains("`" + intent.name() + "`").contains(intent.text()));
    }

    private static SegmentFeatures buyer(int recencyDays, int orders) {
        return new SegmentFeatures(recencyDays, orders, new BigDecimal("120.00"), recencyDays, 700, null, true);
    }
}
