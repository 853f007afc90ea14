package dev.cpo.segmentation.segment;

import static dev.cpo.segmentation.segment.TestFeatures.neverPurchased;
import static dev.cpo.segmentation.segment.TestFeatures.rfm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cpo.events.Segment;
import dev.cpo.events.SegmentFeatures;
import java.util.List;
import org.junit.jupiter.api.Test;

class KMeansSegmenterTest {

    /** Unit scale around zero: a customer's coordinates are just log1p of its features. */
    private static final double[] ZERO = {0, 0, 0};
    private static final double[] ONE = {1, 1, 1};

    private final KMeansModel model = KMeansModel.of("km-2026.01", 42, 366, ZERO, ONE,
            new double[][]{{Math.log1p(5), Math.log1p(10), Math.log1p(1_000)},
                    {Math.log1p(300), Math.log1p(1), Math.log1p(20)}},
            List.of("Recent Frequent High-Value", "Lapsed Occasional Low-Spend"));
    private final KMeansSegmenter segmenter = new KMeansSegmenter(model);

    @Test
    void customerGoesToTheNearestCentroid() {
        assertThat(segmenter.assign(rfm(7, 8, 800.0)).label()).isEqualTo("Recent Frequent High-Value");
        assertThat(segmenter.assign(rfm(200, 2, 30.0)).label()).isEqualTo("Lapsed Occasional Low-Spend");
    }

    @Test
    void neverPurchasedCustomerIsPlacedAtTheStandInRecency() {
        assertThat(model.nearestCluster(neverPurchased())).isEqualTo(1);
    }

    @Test
    void tieGoesToTheLowerClusterIndex() {
        KMeansModel symmetric = KMeansModel.of("km-1", 1, 10, ZERO, ONE,
                new double[][]{{0, 0, 1}, {0, 0, -1}}, List.of("Upper", "Lower"));

        assertThat(symmetric.nearestCluster(rfm(0, 0, 0.0))).isZero();
    }

    @Test
    void segmentCarriesTheClusterIdLabelStrategyAndModelVersion() {
        assertThat(segmenter.assign(rfm(7, 8, 800.0))).isEqualTo(new Segment("kmeans-recent-frequent-high-value",
                "Recent Frequent High-Value", "kmeans", "km-2026.01"));
        assertThat(segmenter.segments()).hasSize(2);
    }

    @Test
    void trainedModelRoundTripsThroughItsPlainData() {
        List<SegmentFeatures> population = SyntheticBlobs.of(3, 100, 5);
        KMeansModel trained = new KMeansTrainer(KMeansSettings.chooseK(2, 5, 9)).train(population, "km-1");

        KMeansModel rebuilt = KMeansModel.of(trained.version(), trained.seed(), trained.neverPurchasedRecencyDays(),
                trained.means(), trained.stds(), trained.centroids(), trained.labels());

        assertThat(rebuilt).isEqualTo(trained);
        KMeansSegmenter a = new KMeansSegmenter(trained);
        KMeansSegmenter b = new KMeansSegmenter(rebuilt);
        assertThat(population).allSatisfy(f -> assertThat(b.assign(f)).isEqualTo(a.assign(f)));
    }

    @Test
    void plainDataIsACopy() {
        model.centroids()[0][0] = 99;
        model.means()[0] = 99;

        assertThat(model.centroids()[0][0]).isEqualTo(Math.log1p(5));
        assertThat(model.means()[0]).isZero();
    }

    @Test
    void centroidReadsBackInFeatureUnits() {
        assertThat(model.centroidInFeatureUnits(0)).containsExactly(new double[]{5, 10, 1_000},
                org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void rebuildingRejectsInconsistentData() {
        double[][] one = {{0, 0, 0}};
        assertThatThrownBy(() -> KMeansModel.of("v", 1, 1, ZERO, ONE, one, List.of("A", "B")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one label per centroid");
        assertThatThrownBy(() -> KMeansModel.of("v", 1, 1, ZERO, new double[]{1, 0, 1}, one, List.of("A")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
        assertThatThrownBy(() -> KMeansModel.of("v", 1, 1, ZERO, ONE, new double[][]{{0, 0}}, List.of("A")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 coordinates");
        assertThatThrownBy(() -> KMeansModel.of("v", 1, 1, ZERO, ONE, new double[][]{{0, 0, 0}, {1, 1, 1}},
                List.of("High Value", "High-Value"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unique");
    }
}
