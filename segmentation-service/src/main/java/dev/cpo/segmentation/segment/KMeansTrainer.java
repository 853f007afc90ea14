package dev.cpo.segmentation.segment;

import dev.cpo.events.SegmentFeatures;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.commons.math3.ml.clustering.CentroidCluster;
import org.apache.commons.math3.ml.clustering.DoublePoint;
import org.apache.commons.math3.ml.clustering.KMeansPlusPlusClusterer;
import org.apache.commons.math3.ml.distance.EuclideanDistance;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * Trains a {@link KMeansModel} on a customer population: k-means++ ({@link KMeansPlusPlusClusterer} of
 * commons-math3) in the model's standardized {@code log1p} R/F/M space. Thread-safe (holds settings only).
 *
 * <h2>Reproducibility</h2>
 * The same settings and the same population give the same model, whatever the order of the population: the points
 * are sorted by their coordinates before training (points with equal coordinates are interchangeable), every k-means
 * run starts from a fresh {@link Well19937c} seeded with {@link KMeansSettings#seed()}, and the resulting clusters are
 * put in a canonical order (by centroid: monetary, then frequency descending, then recency ascending) before they are
 * labelled (see SEGMENTS.md for the label rules).
 *
 * <h2>Choosing k</h2>
 * With a range of k, each k is trained on one seeded sample of at most
 * {@link KMeansSettings#selectionSampleSize()} customers (20,000 by default; everyone in a smaller population) and
 * scored by its mean silhouette (Euclidean, in the standardized space) on a seeded sample of at most
 * {@link KMeansSettings#silhouetteSampleSize()} of those customers (2,000 by default), each belonging to its nearest
 * centroid. The k with the highest silhouette wins (on a tie, the smaller k) and is trained again on the whole
 * population, unless the sample already was the whole population. Training time therefore grows with the population
 * only through that last run.
 *
 * <h2>Small populations</h2>
 * k never exceeds the number of distinct points; with no more distinct points than the smallest k, each distinct point
 * is a centroid. Centroids that coincide are merged. An empty population cannot be trained on.
 */
public final class KMeansTrainer {

    private final KMeansSettings settings;

    /** @param settings how to train */
    public KMeansTrainer(KMeansSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * @param population the customers, in any order; not empty
     * @param version the version of the model
     * @return the model
     * @throws IllegalArgumentException if the population is empty or the version blank
     */
    public KMeansModel train(Collection<SegmentFeatures> population, String version) {
        return trainReporting(population, version).model();
    }

    /**
     * Like {@link #train}, and also reports the silhouette of every k tried.
     *
     * @param population the customers, in any order; not empty
     * @param version the version of the model
     * @return the model and the silhouettes
     */
    public KMeansTraining trainReporting(Collection<SegmentFeatures> population, String version) {
        if (version == null || version.isBlank()) {
            throw new IllegalArgumentException("model version must not be blank");
        }
        if (population.isEmpty()) {
            throw new IllegalArgumentException("cannot train k-means on an empty population");
        }
        double neverPurchased = neverPurchasedRecencyDays(population);
        double[][] points = sortedLogPoints(population, neverPurchased);
        double[] means = new double[KMeansModel.DIMENSIONS];
        double[] stds = new double[KMeansModel.DIMENSIONS];
        standardize(points, means, stds);
        int distinct = countDistinct(points);

        SortedMap<Integer, Double> silhouettes = new TreeMap<>();
        double[][] centroids;
        if (distinct <= settings.minK()) {
            centroids = distinctPoints(points);
        } else if (!settings.choosesK()) {
            centroids = cluster(points, settings.minK());
        } else {
            centroids = chooseK(points, silhouettes);
        }
        List<String> labels = KMeansLabeler.labels(centroids);
        KMeansModel model = KMeansModel.of(version, settings.seed(), neverPurchased, means, stds, centroids, labels);
        return new KMeansTraining(model, silhouettes);
    }

    private static double neverPurchasedRecencyDays(Collection<SegmentFeatures> population) {
        int maxRecency = 0;
        for (SegmentFeatures f : population) {
            if (f.recencyDays() != null) {
                maxRecency = Math.max(maxRecency, f.recencyDays());
            }
        }
        return maxRecency + 1.0;
    }

    private static double[][] sortedLogPoints(Collection<SegmentFeatures> population, double neverPurchased) {
        double[][] points = new double[population.size()][];
        int i = 0;
        for (SegmentFeatures f : population) {
            double[] p = new double[KMeansModel.DIMENSIONS];
            KMeansModel.logCoordinates(f, neverPurchased, p);
            points[i++] = p;
        }
        Arrays.sort(points, KMeansTrainer::compareLexicographically);
        return points;
    }

    private static int compareLexicographically(double[] a, double[] b) {
        for (int d = 0; d < a.length; d++) {
            int c = Double.compare(a[d], b[d]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** Standardizes the points in place with their population mean and standard deviation (0 counts as 1). */
    private static void standardize(double[][] points, double[] means, double[] stds) {
        int n = points.length;
        for (int d = 0; d < KMeansModel.DIMENSIONS; d++) {
            double sum = 0;
            for (double[] p : points) {
                sum += p[d];
            }
            double mean = sum / n;
            double squares = 0;
            for (double[] p : points) {
                double diff = p[d] - mean;
                squares += diff * diff;
            }
            double std = Math.sqrt(squares / n);
            means[d] = mean;
            stds[d] = std > 1e-12 ? std : 1.0;
            for (double[] p : points) {
                p[d] = (p[d] - mean) / stds[d];
            }
        }
    }

    /** The number of distinct points of a lexicographically sorted array. */
    private static int countDistinct(double[][] sorted) {
        int distinct = 1;
        for (int i = 1; i < sorted.length; i++) {
            if (compareLexicographically(sorted[i - 1], sorted[i]) != 0) {
                distinct++;
            }
        }
        return distinct;
    }

    private static double[][] distinctPoints(double[][] sorted) {
        List<double[]> distinct = new ArrayList<>();
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || compareLexicographically(sorted[i - 1], sorted[i]) != 0) {
                distinct.add(sorted[i].clone());
            }
        }
        return canonical(distinct);
    }

    private double[][] cluster(double[][] points, int k) {
        List<DoublePoint> wrapped = new ArrayList<>(points.length);
        for (double[] p : points) {
            wrapped.add(new DoublePoint(p));
        }
        RandomGenerator random = new Well19937c(settings.seed());
        KMeansPlusPlusClusterer<DoublePoint> clusterer = new KMeansPlusPlusClusterer<>(k, settings.maxIterations(),
                new EuclideanDistance(), random);
        List<double[]> centroids = new ArrayList<>();
        for (CentroidCluster<DoublePoint> c : clusterer.cluster(wrapped)) {
            centroids.add(c.getCenter().getPoint().clone());
        }
        return canonical(centroids);
    }

    /** Removes coinciding centroids and orders the rest: monetary, then frequency descending, then recency. */
    private static double[][] canonical(List<double[]> centroids) {
        Comparator<double[]> order = Comparator.<double[]>comparingDouble(c -> -c[KMeansModel.MONETARY])
                .thenComparingDouble(c -> -c[KMeansModel.FREQUENCY])
                .thenComparingDouble(c -> c[KMeansModel.RECENCY]);
        List<double[]> sorted = new ArrayList<>(centroids);
        sorted.sort(order);
        List<double[]> unique = new ArrayList<>();
        for (double[] c : sorted) {
            if (unique.isEmpty() || !Arrays.equals(unique.get(unique.size() - 1), c)) {
                unique.add(c);
            }
        }
        return unique.toArray(new double[0][]);
    }

    /**
     * Trains every k of the range on the selection sample, keeps the k with the best silhouette, and trains it on all
     * points if the sample was not all of them.
     */
    private double[][] chooseK(double[][] points, SortedMap<Integer, Double> silhouettes) {
        double[][] selection = sample(points, settings.selectionSampleSize());
        double[][] silhouetteSample = selection.length <= settings.silhouetteSampleSize()
                ? selection
                : selection == points
                        ? sample(points, settings.silhouetteSampleSize())
                        : Arrays.copyOf(selection, settings.silhouetteSampleSize());
        double[][] sortedSelection = selection.clone();
        Arrays.sort(sortedSelection, KMeansTrainer::compareLexicographically);
        int upper = Math.min(settings.maxK(), countDistinct(sortedSelection));
        int bestK = settings.minK();
        double[][] bestCentroids = null;
        double bestSilhouette = Double.NEGATIVE_INFINITY;
        for (int k = settings.minK(); k <= upper; k++) {
            double[][] candidate = cluster(selection, k);
            double silhouette = Silhouette.mean(silhouetteSample, candidate);
            silhouettes.put(k, silhouette);
            if (silhouette > bestSilhouette) {
                bestSilhouette = silhouette;
                bestK = k;
                bestCentroids = candidate;
            }
        }
        return selection == points && bestCentroids != null ? bestCentroids : cluster(points, bestK);
    }

    /**
     * A seeded uniform sample of at most {@code size} points, in the order drawn (a partial Fisher-Yates shuffle), so
     * any prefix of it is a uniform sample too; the points themselves when there are no more than {@code size}.
     */
    private double[][] sample(double[][] points, int size) {
        int n = points.length;
        if (n <= size) {
            return points;
        }
        int[] indices = new int[n];
        for (int i = 0; i < n; i++) {
            indices[i] = i;
        }
        RandomGenerator random = new Well19937c(settings.seed());
        double[][] sample = new double[size][];
        for (int i = 0; i < size; i++) {
            int j = i + random.nextInt(n - i);
            int swap = indices[i];
            indices[i] = indices[j];
            indices[j] = swap;
            sample[i] = points[indices[i]];
        }
        return sample;
    }

    /**
     * A trained model and, when k was chosen, the mean silhouette of every k tried.
     *
     * @param model the model
     * @param silhouetteByK the mean silhouette by k; empty when k was fixed
     */
    public record KMeansTraining(KMeansModel model, SortedMap<Integer, Double> silhouetteByK) {

        /** Makes the map unmodifiable. */
        public KMeansTraining {
            silhouetteByK = Collections.unmodifiableSortedMap(new TreeMap<>(silhouetteByK));
        }
    }
}
