package dev.cpo.segmentation.segment;

import static dev.cpo.segmentation.segment.TestFeatures.neverPurchased;
import static dev.cpo.segmentation.segment.TestFeatures.rfm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cpo.events.SegmentFeatures;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RfmModelTest {

    /** Customers with recency = frequency = monetary = each value. */
    private static List<SegmentFeatures> population(int... values) {
        List<SegmentFeatures> population = new ArrayList<>();
        for (int v : values) {
            population.add(rfm(v, v, v));
        }
        return population;
    }

    @Test
    void boundariesOfTenDistinctValuesAreTheSecondFourthSixthAndEighthValues() {
        RfmModel model = RfmModel.fit(population(7, 3, 10, 1, 5, 9, 2, 8, 4, 6), "v1");

        assertThat(model.frequencyBounds()).containsExactly(2.0, 4.0, 6.0, 8.0);
        assertThat(model.monetaryBounds()).containsExactly(2.0, 4.0, 6.0, 8.0);
        assertThat(model.recencyBounds()).containsExactly(2.0, 4.0, 6.0, 8.0);
    }

    @Test
    void boundariesFollowTheNearestRankDefinition() {
        // n = 7: ranks ceil(7q/5) = 2, 3, 5, 6.
        RfmModel model = RfmModel.fit(population(10, 20, 30, 40, 50, 60, 70), "v1");

        assertThat(model.frequencyBounds()).containsExactly(20.0, 30.0, 50.0, 60.0);
    }

    @Test
    void tenDistinctValuesSplitIntoFiveEqualQuintiles() {
        RfmModel model = RfmModel.fit(population(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), "v1");

        int[] expected = {1, 1, 2, 2, 3, 3, 4, 4, 5, 5};
        for (int v = 1; v <= 10; v++) {
            assertThat(model.frequencyScore(v, true)).as("F of %d", v).isEqualTo(expected[v - 1]);
            assertThat(model.monetaryScore(v)).as("M of %d", v).isEqualTo(expected[v - 1]);
            assertThat(model.recencyScore(v)).as("R of %d", v).isEqualTo(6 - expected[v - 1]);
        }
    }

    @Test
    void valueEqualToABoundaryGoesWithTheSmallerValues() {
        RfmModel model = RfmModel.of("v1", List.of(10.0, 20.0, 30.0, 40.0), List.of(10.0, 20.0, 30.0, 40.0),
                List.of(10.0, 20.0, 30.0, 40.0));

        assertThat(model.monetaryScore(20.0)).isEqualTo(2);
        assertThat(model.monetaryScore(20.01)).isEqualTo(3);
        assertThat(model.frequencyScore(40, true)).isEqualTo(4);
        assertThat(model.frequencyScore(41, true)).isEqualTo(5);
        // Recency is inverted: a recency on a boundary goes with the more recent customers, the higher score.
        assertThat(model.recencyScore(20)).isEqualTo(4);
        assertThat(model.recencyScore(21)).isEqualTo(3);
    }

    @Test
    void moreRecentCustomersGetHigherRecencyScores() {
        RfmModel model = RfmModel.of("v1", List.of(10.0, 20.0, 30.0, 40.0), List.of(), List.of());

        assertThat(model.recencyScore(0)).isEqualTo(5);
        assertThat(model.recencyScore(15)).isEqualTo(4);
        assertThat(model.recencyScore(25)).isEqualTo(3);
        assertThat(model.recencyScore(35)).isEqualTo(2);
        assertThat(model.recencyScore(365)).isEqualTo(1);
    }

    @Test
    void equalValuesAlwaysGetTheSameScoreAndTiedBoundariesSkipScores() {
        // Half the customers bought once: boundaries coincide at 1 and two-time buyers jump to F=3.
        RfmModel model = RfmModel.fit(population(1, 1, 1, 1, 1, 2, 2, 3, 4, 5), "v1");

        assertThat(model.frequencyBounds()).containsExactly(1.0, 1.0, 2.0, 3.0);
        assertThat(model.frequencyScore(1, true)).isEqualTo(1);
        assertThat(model.frequencyScore(2, true)).isEqualTo(3);
        assertThat(model.frequencyScore(3, true)).isEqualTo(4);
        assertThat(model.frequencyScore(4, true)).isEqualTo(5);
    }

    @Test
    void fittingDoesNotDependOnPopulationOrder() {
        List<SegmentFeatures> population = new ArrayList<>();
        Random random = new Random(7);
        for (int i = 0; i < 500; i++) {
            population.add(rfm(random.nextInt(400), 1 + random.nextInt(9), random.nextInt(100_000) / 100.0));
        }
        RfmModel ordered = RfmModel.fit(population, "v1");
        Collections.shuffle(population, new Random(11));

        assertThat(RfmModel.fit(population, "v1")).isEqualTo(ordered);
    }

    @Test
    void emptyPopulationHasNoBoundariesAndScoresPurchasersNeutrally() {
        RfmModel model = RfmModel.fit(List.of(), "v1");

        assertThat(model.recencyBounds()).isEmpty();
        assertThat(model.frequencyBounds()).isEmpty();
        assertThat(model.monetaryBounds()).isEmpty();
        assertThat(model.score(rfm(12, 3, 99.0))).isEqualTo(new RfmScores(3, 3, 3));
    }

    @Test
    void oneCustomerOrAllEqualCustomersScoreNeutrally() {
        assertThat(RfmModel.fit(List.of(rfm(5, 2, 40.0)), "v1").score(rfm(5, 2, 40.0)))
                .isEqualTo(new RfmScores(3, 3, 3));
        RfmModel allEqual = RfmModel.fit(List.of(rfm(5, 2, 40.0), rfm(5, 2, 40.0), rfm(5, 2, 40.0)), "v1");
        assertThat(allEqual.score(rfm(5, 2, 40.0))).isEqualTo(new RfmScores(3, 3, 3));
        assertThat(allEqual.score(rfm(500, 9, 4000.0))).isEqualTo(new RfmScores(3, 3, 3));
    }

    @Test
    void mostlyZeroSpendPutsZeroAtTheBottomAndSpendersAbove() {
        List<SegmentFeatures> population = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            population.add(rfm(10, 1, 0.0));
        }
        population.add(rfm(10, 1, 50.0));
        RfmModel model = RfmModel.fit(population, "v1");

        assertThat(model.monetaryBounds()).containsExactly(0.0, 0.0, 0.0, 0.0);
        assertThat(model.monetaryScore(0.0)).isEqualTo(1);
        assertThat(model.monetaryScore(50.0)).isEqualTo(5);
    }

    @Test
    void neverPurchasedCustomersScoreROneFOneAndAreLeftOutOfTheFit() {
        List<SegmentFeatures> population = population(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        for (int i = 0; i < 50; i++) {
            population.add(neverPurchased());
        }
        RfmModel model = RfmModel.fit(population, "v1");

        assertThat(model.frequencyBounds()).containsExactly(2.0, 4.0, 6.0, 8.0);
        assertThat(model.score(neverPurchased())).isEqualTo(new RfmScores(1, 1, 1));
    }

    @Test
    void populationOfNeverPurchasedCustomersStillScores() {
        RfmModel model = RfmModel.fit(List.of(neverPurchased(), neverPurchased()), "v1");

        assertThat(model.score(neverPurchased())).isEqualTo(new RfmScores(1, 1, 3));
        assertThat(model.score(rfm(3, 1, 10.0))).isEqualTo(new RfmScores(3, 3, 3));
    }

    @Test
    void modelRoundTripsThroughItsPlainData() {
        RfmModel model = RfmModel.fit(population(3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5), "rfm-2026.01");

        RfmModel rebuilt = RfmModel.of(model.version(), model.recencyBounds(), model.frequencyBounds(),
                model.monetaryBounds());

        assertThat(rebuilt).isEqualTo(model);
        assertThat(rebuilt.score(rfm(4, 4, 4.0))).isEqualTo(model.score(rfm(4, 4, 4.0)));
    }

    @Test
    void rebuildingRejectsMalformedBoundaries() {
        List<Double> ok = List.of(1.0, 2.0, 3.0, 4.0);
        assertThatThrownBy(() -> RfmModel.of("v1", List.of(1.0, 2.0), ok, ok))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("recency");
        assertThatThrownBy(() -> RfmModel.of("v1", ok, List.of(4.0, 3.0, 2.0, 1.0), ok))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("decrease");
        assertThatThrownBy(() -> RfmModel.of("v1", ok, ok, List.of(1.0, 2.0, 3.0, Double.NaN)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("finite");
        assertThatThrownBy(() -> RfmModel.of(" ", ok, ok, ok)).isInstanceOf(IllegalArgumentException.class);
    }
}
