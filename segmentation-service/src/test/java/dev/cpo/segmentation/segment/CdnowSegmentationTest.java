package dev.cpo.segmentation.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cpo.events.Segment;
import dev.cpo.events.SegmentFeatures;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Segments the 23,570 real CDNOW customers (Fader &amp; Hardie's CDNOW purchase history, via
 * CamDavidsonPilon/lifetimes, MIT; see {@link CdnowProfiles}) with every strategy. Fails, rather than skips, when
 * the data file is missing.
 */
class CdnowSegmentationTest {

    private static final long SEED = 20_260_101L;
    private static List<SegmentFeatures> customers;
    private static RfmSegmenter rfm;
    private static KMeansSegmenter kmeans;

    @BeforeAll
    static void loadAndTrain() {
        customers = CdnowProfiles.features();
        rfm = new RfmSegmenter(RfmModel.fit(customers, "rfm-cdnow"));
        kmeans = new KMeansSegmenter(new KMeansTrainer(KMeansSettings.chooseK(3, 7, SEED)).train(customers,
                "kmeans-cdnow"));
    }

    private static SegmentationSummary summarize(SegmentAssigner assigner) {
        return new SegmentSummarizer().assignAndSummarize(customers, assigner);
    }

    private static Map<String, SegmentSummary> byLabel(SegmentationSummary summary) {
        return summary.segments().stream().collect(Collectors.toMap(s -> s.segment().label(), Function.identity()));
    }

    @Test
    void everyCustomerIsLoadedAsOfTheDayAfterTheLastTransaction() {
        assertThat(customers).hasSize(CdnowProfiles.CUSTOMERS);
        assertThat(customers.stream().mapToInt(SegmentFeatures::frequency).sum()).isEqualTo(CdnowProfiles.TRANSACTIONS);
        assertThat(customers).allSatisfy(f -> {
            assertThat(f.recencyDays()).isBetween(1, 546);
            assertThat(f.accountAgeDays()).isBetween(f.recencyDays(), 546);
        });
    }

    @Test
    void everyCustomerGetsExactlyOneSegmentWithEachStrategy() {
        for (SegmentAssigner assigner : List.of(rfm, kmeans, new LifecycleSegmenter(90, 30))) {
            SegmentationSummary summary = summarize(assigner);

            assertThat(summary.customers()).isEqualTo(CdnowProfiles.CUSTOMERS);
            assertThat(summary.segments().stream().mapToInt(SegmentSummary::size).sum())
                    .isEqualTo(CdnowProfiles.CUSTOMERS);
        }
    }

    @Test
    void rfmAndKMeansMakeThreeToSevenReadableSegments() {
        for (SegmentAssigner assigner : List.of(rfm, kmeans)) {
            List<Segment> segments = summarize(assigner).segments().stream().map(SegmentSummary::segment).toList();

            assertThat(segments).hasSizeBetween(3, 7);
            assertThat(segments).allSatisfy(s -> {
                assertThat(s.label()).matches("[A-Z][A-Za-z]*(?:[ -][A-Z][A-Za-z]*)*");
                assertThat(s.label().toLowerCase()).doesNotContain("cluster");
                assertThat(s.id()).matches("(rfm|kmeans)(-[a-z]+)+");
            });
            assertThat(segments.stream().map(Segment::id)).doesNotHaveDuplicates();
            assertThat(segments.stream().map(Segment::label)).doesNotHaveDuplicates();
        }
    }

    @Test
    void rfmChampionsSpendMoreAndBoughtMoreRecentlyThanHibernatingAndLost() {
        Map<String, SegmentSummary> segments = byLabel(summarize(rfm));
        SegmentSummary champions = segments.get("Champions");

        for (String lapsed : List.of("Hibernating", "Lost")) {
            assertThat(champions.monetary().mean()).isGreaterThan(segments.get(lapsed).monetary().mean());
            assertThat(champions.recencyDays().mean()).isLessThan(segments.get(lapsed).recencyDays().mean());
            assertThat(champions.frequency().mean()).isGreaterThan(segments.get(lapsed).frequency().mean());
        }
    }

    @Test
    void kMeansLabelsAgreeWithTheClustersActualMeans() {
        List<SegmentSummary> segments = summarize(kmeans).segments();
        SegmentSummary topSpend = Collections.max(segments, Comparator.comparing(s -> s.monetary().mean()));
        SegmentSummary mostRecent = Collections.min(segments, Comparator.comparing(s -> s.recencyDays().mean()));

        assertThat(topSpend.segment().label()).contains("High-Value");
        assertThat(mostRecent.segment().label()).startsWith("Recent");
        for (SegmentSummary high : segments) {
            for (SegmentSummary low : segments) {
                if (high.segment().label().contains("High-Value") && low.segment().label().contains("Low-Spend")) {
                    assertThat(high.monetary().mean()).isGreaterThan(low.monetary().mean());
                }
            }
        }
    }

    @Test
    void trainingTwiceWithTheSameSeedGivesIdenticalAssignments() {
        List<SegmentFeatures> shuffled = new ArrayList<>(customers);
        Collections.shuffle(shuffled, new Random(1));
        KMeansSegmenter again = new KMeansSegmenter(new KMeansTrainer(KMeansSettings.chooseK(3, 7, SEED))
                .train(shuffled, "kmeans-cdnow"));
        RfmSegmenter rfmAgain = new RfmSegmenter(RfmModel.fit(shuffled, "rfm-cdnow"));

        assertThat(again.model()).isEqualTo(kmeans.model());
        assertThat(rfmAgain.model()).isEqualTo(rfm.model());
        assertThat(customers).allSatisfy(f -> {
            assertThat(again.assign(f)).isEqualTo(kmeans.assign(f));
            assertThat(rfmAgain.assign(f)).isEqualTo(rfm.assign(f));
        });
    }

    @Test
    void missingDataFileFailsWithAClearMessage() {
        String previous = System.getProperty(CdnowProfiles.PATH_PROPERTY);
        System.setProperty(CdnowProfiles.PATH_PROPERTY, "/nonexistent/cdnow_master.txt");
        try {
            assertThatThrownBy(CdnowProfiles::locate)
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("CDNOW data not found");
        } finally {
            if (previous == null) {
                System.clearProperty(CdnowProfiles.PATH_PROPERTY);
            } else {
                System.setProperty(CdnowProfiles.PATH_PROPERTY, previous);
            }
        }
        assertThat(CdnowProfiles.locate()).hasFileName("cdnow_master.txt");
    }
}
