package dev.cpo.segmentation.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.cpo.events.Segment;
import dev.cpo.events.SegmentFeatures;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SegmentSummarizerTest {

    private static final Segment A = new Segment("a", "Alpha", "test", "v1");
    private static final Segment B = new Segment("b", "Beta", "test", "v1");
    private static final Segment C = new Segment("c", "Gamma", "test", "v1");

    private final SegmentSummarizer summarizer = new SegmentSummarizer();

    private static SegmentedCustomer customer(Segment segment, Integer recency, int frequency, String monetary,
            Integer activity, Integer age) {
        return new SegmentedCustomer(segment,
                new SegmentFeatures(recency, frequency, new BigDecimal(monetary), activity, age, null, true));
    }

    /** 12 in A, 7 in B, 1 in C; values chosen so every mean and median is easy to check by hand. */
    private static List<SegmentedCustomer> example() {
        List<SegmentedCustomer> customers = new ArrayList<>();
        for (int f = 1; f <= 12; f++) {
            customers.add(customer(A, 30, f, "0", 30, null));
        }
        Integer[] recency = {1, 2, 3, 4, 100, null, null};
        for (int i = 0; i < 7; i++) {
            customers.add(customer(B, recency[i], 1, String.valueOf(10 * (i + 1)), 7, 365));
        }
        customers.add(customer(C, 10, 2, "30.50", 5, 100));
        return customers;
    }

    @Test
    void sizesAndSharesAddUpAndLargestComesFirst() {
        SegmentationSummary summary = summarizer.summarize(example());

        assertThat(summary.customers()).isEqualTo(20);
        assertThat(summary.segments()).extracting(SegmentSummary::segment).containsExactly(A, B, C);
        assertThat(summary.segments()).extracting(SegmentSummary::size).containsExactly(12, 7, 1);
        assertThat(summary.segments()).extracting(SegmentSummary::share).containsExactly(0.60, 0.35, 0.05);
    }

    @Test
    void meanAndMedianOfEachFeature() {
        List<SegmentSummary> s = summarizer.summarize(example()).segments();
        SegmentSummary a = s.get(0);
        SegmentSummary b = s.get(1);
        SegmentSummary c = s.get(2);

        // Even count: the median is the mean of the two middle values, (6 + 7) / 2.
        assertThat(a.frequency()).isEqualTo(new FeatureSummary(12, 6.5, 6.5));
        assertThat(a.monetary()).isEqualTo(new FeatureSummary(12, 0.0, 0.0));
        assertThat(a.daysSinceLastActivity()).isEqualTo(new FeatureSummary(12, 30.0, 30.0));
        // Unknown values are left out; no value at all gives no mean or median.
        assertThat(a.accountAgeDays()).isEqualTo(FeatureSummary.EMPTY);
        // (1 + 2 + 3 + 4 + 100) / 5 = 22; the median of five is the third.
        assertThat(b.recencyDays()).isEqualTo(new FeatureSummary(5, 22.0, 3.0));
        assertThat(b.monetary()).isEqualTo(new FeatureSummary(7, 40.0, 40.0));
        assertThat(b.accountAgeDays()).isEqualTo(new FeatureSummary(7, 365.0, 365.0));
        assertThat(c.monetary().mean()).isCloseTo(30.5, within(1e-12));
        assertThat(c.recencyDays()).isEqualTo(new FeatureSummary(1, 10.0, 10.0));
    }

    @Test
    void segmentUnderTenPercentIsFlaggedWithAWarning() {
        List<SegmentSummary> s = summarizer.summarize(example()).segments();

        assertThat(s.get(0).small()).isFalse();
        assertThat(s.get(0).warning()).isNull();
        assertThat(s.get(2).small()).isTrue();
        assertThat(s.get(2).warning()).isEqualTo("holds 5.0% of customers, under 10%: too small to target alone");
    }

    @Test
    void exactlyTenPercentIsNotFlagged() {
        List<SegmentedCustomer> customers = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            customers.add(customer(A, 1, 1, "1", 1, 1));
        }
        customers.add(customer(B, 1, 1, "1", 1, 1));

        assertThat(summarizer.summarize(customers).segments().get(1).small()).isFalse();
    }

    @Test
    void knownSegmentsWithoutCustomersAreListedAsEmptyAndFlagged() {
        Segment empty = new Segment("z", "Zeta", "test", "v1");

        SegmentationSummary summary = summarizer.summarize(example(), List.of(empty, A));

        assertThat(summary.segments()).extracting(SegmentSummary::segment).containsExactly(A, B, C, empty);
        SegmentSummary zeta = summary.segments().get(3);
        assertThat(zeta.size()).isZero();
        assertThat(zeta.share()).isZero();
        assertThat(zeta.monetary()).isEqualTo(FeatureSummary.EMPTY);
        assertThat(zeta.warning()).isEqualTo("holds no customers");
    }

    @Test
    void emptyPopulationGivesAnEmptySummary() {
        assertThat(summarizer.summarize(List.of()).segments()).isEmpty();
    }

    @Test
    void assignAndSummarizeUsesTheGivenStrategy() {
        LifecycleSegmenter lifecycle = new LifecycleSegmenter(30, 7);
        List<SegmentFeatures> population = List.of(TestFeatures.rfm(100, 1, 5.0), TestFeatures.rfm(1, 1, 5.0));

        SegmentationSummary summary = summarizer.assignAndSummarize(population, lifecycle);

        assertThat(summary.segments()).extracting(s -> s.segment().label()).containsExactlyInAnyOrder("Dormant",
                "Normal");
    }
}
