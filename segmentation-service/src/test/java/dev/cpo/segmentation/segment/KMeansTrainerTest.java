package dev.cpo.segmentation.segment;

import static dev.cpo.segmentation.segment.TestFeatures.neverPurchased;
import static dev.cpo.segmentation.segment.TestFeatures.rfm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.cpo.events.Segment;
import dev.cpo.events.SegmentFeatures;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KMeansTrainerTest {

    private static List<Segment> assignAll(KMeansModel model, List<SegmentFeatures> population) {
        KMeansSegmenter segmenter = new KMeansSegmenter(model);
        return population.stream().map(segmenter::assign).toList();
    }

    private static List<SegmentFeatures> scattered(int n, long seed) {
        Random random = new Random(seed);
        List<SegmentFeatures> population = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            population.add(random.nextInt(10) == 0
                    ? neverPurchased()
                    : rfm(random.nextInt(500), 1 + random.nextInt(20), random.nextInt(200_000) / 100.0));
        }
        return population;
    }

    @Test
    void sameSeedAndDataGiveTheSameCentroidsLabelsAndAssignments() {
        List<SegmentFeatures> population = scattered(3_000, 1);
        KMeansTrainer trainer = new KMeansTrainer(KMeansSettings.chooseK(3, 6, 42));

        KMeansModel first = trainer.train(population, "km-1");
        KMeansModel second = trainer.train(population, "km-1");

        assertThat(second).isEqualTo(first);
        assertThat(assignAll(second, population)).isEqualTo(assignAll(first, population));
    }

    @Test
    void inputOrderDoesNotChangeTheModel() {
        List<SegmentFeatures> population = scattered(3_000, 2);
        KMeansTrainer trainer = new KMeansTrainer(KMeansSettings.fixedK(5, 42));
        KMeansModel ordered = trainer.train(population, "km-1");

        List<SegmentFeatures> shuffled = new ArrayList<>(population);
        Collections.shuffle(shuffled, new Random(3));

        assertThat(trainer.train(shuffled, "km-1")).isEqualTo(ordered);
    }

    @Test
    void silhouettePicksTheTrueNumberOfWellSeparatedGroups() {
        for (int groups = 2; groups <= 4; groups++) {
            List<SegmentFeatures> population = SyntheticBlobs.of(groups, 300, groups);

            KMeansTrainer.KMeansTraining training = new KMeansTrainer(KMeansSettings.chooseK(2, 7, 42))
                    .trainReporting(population, "km-1");

            assertThat(training.model().k()).as("k for %d groups", groups).isEqualTo(groups);
            assertThat(training.silhouetteByK()).containsKeys(2, 3, 4, 5, 6, 7);
            assertThat(training.silhouetteByK().get(groups)).isGreaterThan(0.8);
        }
    }

    @Test
    void kIsChosenOnTheSelectionSampleThenTrainedOnEveryone() {
        List<SegmentFeatures> population = SyntheticBlobs.of(3, 1_000, 8);

        KMeansModel chosen = new KMeansTrainer(new KMeansSettings(2, 6, 100, 42, 300, 600)).train(population, "km-1");

        assertThat(chosen.k()).isEqualTo(3);
        assertThat(chosen).isEqualTo(new KMeansTrainer(KMeansSettings.fixedK(3, 42)).train(population, "km-1"));
    }

    @Test
    void eachWellSeparatedGroupBecomesOneCluster() {
        List<SegmentFeatures> population = SyntheticBlobs.of(4, 200, 9);
        KMeansModel model = new KMeansTrainer(KMeansSettings.fixedK(4, 42)).train(population, "km-1");
        List<Segment> segments = assignAll(model, population);

        for (int g = 0; g < 4; g++) {
            assertThat(segments.subList(g * 200, (g + 1) * 200).stream().distinct()).hasSize(1);
        }
        assertThat(segments.stream().distinct()).hasSize(4);
        assertThat(model.labels()).containsExactlyInAnyOrder("Recent Frequent High-Value",
                "Lapsed Frequent High-Value", "Recent Occasional Low-Spend", "Lapsed Occasional Low-Spend");
    }

    @Test
    void fixedKGivesExactlyKClustersWithoutSilhouettes() {
        KMeansTrainer.KMeansTraining training = new KMeansTrainer(KMeansSettings.fixedK(4, 7))
                .trainReporting(scattered(1_000, 4), "km-1");

        assertThat(training.model().k()).isEqualTo(4);
        assertThat(training.silhouetteByK()).isEmpty();
        assertThat(training.model().seed()).isEqualTo(7);
    }

    @Test
    void fewerDistinctCustomersThanKMakesEachDistinctCustomerACentroid() {
        List<SegmentFeatures> population = List.of(rfm(5, 10, 900.0), rfm(5, 10, 900.0), rfm(400, 1, 10.0));

        KMeansModel model = new KMeansTrainer(KMeansSettings.chooseK(3, 7, 42)).train(population, "km-1");

        assertThat(model.k()).isEqualTo(2);
        assertThat(new KMeansSegmenter(model).assign(rfm(5, 10, 900.0)))
                .isNotEqualTo(new KMeansSegmenter(model).assign(rfm(400, 1, 10.0)));
    }

    @Test
    void identicalCustomersGiveOneClusterAndUnitScale() {
        KMeansModel model = new KMeansTrainer(KMeansSettings.fixedK(3, 42))
                .train(List.of(rfm(5, 2, 40.0), rfm(5, 2, 40.0)), "km-1");

        assertThat(model.k()).isEqualTo(1);
        assertThat(model.stds()).containsExactly(1.0, 1.0, 1.0);
        assertThat(new KMeansSegmenter(model).assign(rfm(900, 50, 1.0)).id()).isEqualTo(model.ids().get(0));
    }

    @Test
    void neverPurchasedRecencyIsOneDayBeyondTheLargestObserved() {
        List<SegmentFeatures> population = List.of(rfm(10, 1, 5.0), rfm(250, 3, 50.0), neverPurchased());

        KMeansModel model = new KMeansTrainer(KMeansSettings.fixedK(2, 42)).train(population, "km-1");

        assertThat(model.neverPurchasedRecencyDays()).isEqualTo(251.0);
        double meanLogRecency = (Math.log1p(10) + Math.log1p(250) + Math.log1p(251)) / 3;
        assertThat(model.means()[KMeansModel.RECENCY]).isCloseTo(meanLogRecency, within(1e-12));
    }

    @Test
    void scalingIsThePopulationMeanAndStandardDeviationOfLog1pValues() {
        List<SegmentFeatures> population = List.of(rfm(0, 1, 0.0), rfm(0, 3, 0.0), rfm(0, 7, 0.0));

        KMeansModel model = new KMeansTrainer(KMeansSettings.fixedK(1, 42)).train(population, "km-1");

        double[] logs = {Math.log(2), Math.log(4), Math.log(8)};
        double mean = (logs[0] + logs[1] + logs[2]) / 3;
        double variance = 0;
        for (double l : logs) {
            variance += (l - mean) * (l - mean) / 3;
        }
        assertThat(model.means()[KMeansModel.FREQUENCY]).isCloseTo(mean, within(1e-12));
        assertThat(model.stds()[KMeansModel.FREQUENCY]).isCloseTo(Math.sqrt(variance), within(1e-12));
    }

    @Test
    void emptyPopulationCannotBeTrainedOn() {
        assertThatThrownBy(() -> new KMeansTrainer(KMeansSettings.fixedK(3, 1)).train(List.of(), "km-1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
    }

    @Test
    void settingsRejectImpossibleRanges() {
        assertThatThrownBy(() -> KMeansSettings.chooseK(1, 5, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KMeansSettings.chooseK(5, 4, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KMeansSettings.fixedK(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KMeansSettings(2, 5, 0, 1, 100, 100)).isInstanceOf(IllegalArgumentException.class);
    }
}
