package dev.cpo.segmentation.segment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class KMeansLabelerTest {

    @Test
    void baseLabelNamesRecencyFrequencyAndValueBandsOfTheCentroid() {
        assertThat(KMeansLabeler.baseLabel(new double[]{-1.2, 0.9, 1.5})).isEqualTo("Recent Frequent High-Value");
        assertThat(KMeansLabeler.baseLabel(new double[]{0.8, -0.7, -0.6})).isEqualTo("Lapsed Occasional Low-Spend");
        assertThat(KMeansLabeler.baseLabel(new double[]{0.5, -0.5, 0.0})).isEqualTo("Cooling Regular Mid-Value");
    }

    @Test
    void distinctBandsNeedNoQualifier() {
        assertThat(KMeansLabeler.labels(new double[][]{{-1, 1, 1}, {1, -1, -1}}))
                .containsExactly("Recent Frequent High-Value", "Lapsed Occasional Low-Spend");
    }

    @Test
    void twoClustersWithTheSameBandsAreRankedOnTheirWidestDifference() {
        // Same bands everywhere; they differ most in monetary.
        List<String> labels = KMeansLabeler.labels(new double[][]{{1.0, -1.0, -0.6}, {1.1, -1.0, -2.0}});

        assertThat(labels).containsExactly("Lapsed Occasional Low-Spend Higher-Spend",
                "Lapsed Occasional Low-Spend Lower-Spend");
    }

    @Test
    void threeClustersWithTheSameBandsGetMostMidAndLeast() {
        // They differ most in recency; lower recency days rank first.
        List<String> labels = KMeansLabeler.labels(new double[][]{{1.0, 0, 0}, {3.0, 0, 0}, {2.0, 0.1, 0}});

        assertThat(labels).containsExactly("Lapsed Regular Mid-Value Most-Recent",
                "Lapsed Regular Mid-Value Least-Recent", "Lapsed Regular Mid-Value Mid-Recency");
    }

    @Test
    void manyClustersWithTheSameBandsStillGetUniqueReadableLabels() {
        double[][] centroids = new double[9][];
        for (int i = 0; i < centroids.length; i++) {
            centroids[i] = new double[]{1 + (i % 3) * 0.1, -1 - (i / 3) * 0.05, -1};
        }

        List<String> labels = KMeansLabeler.labels(centroids);

        assertThat(labels).doesNotHaveDuplicates().allSatisfy(l -> assertThat(l).matches("[A-Za-z -]+"));
        assertThat(labels.stream().map(KMeansModel::idOf)).doesNotHaveDuplicates();
    }

    @Test
    void labelsDoNotDependOnAnythingButTheCentroids() {
        double[][] centroids = {{-1, 1, 1}, {1, -1, -1}, {1.2, -1, -1.3}};

        assertThat(KMeansLabeler.labels(centroids)).isEqualTo(KMeansLabeler.labels(centroids.clone()));
    }

    @Test
    void idIsThePrefixedLabelInLowerCaseWithHyphens() {
        assertThat(KMeansModel.idOf("Recent Frequent High-Value")).isEqualTo("kmeans-recent-frequent-high-value");
        assertThat(KMeansModel.idOf("Lapsed Occasional Low-Spend Higher-Spend"))
                .isEqualTo("kmeans-lapsed-occasional-low-spend-higher-spend");
    }
}
