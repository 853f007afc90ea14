package dev.cpo.segmentation.segment;

import dev.cpo.events.SegmentFeatures;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A trained k-means model as plain data: centroids in the standardized feature space, the scaling that defines that
 * space, a label per cluster, and the seed and version it was trained with. Immutable and thread-safe; finding the
 * nearest centroid allocates nothing.
 *
 * <h2>The feature space</h2>
 * Three coordinates, in this order ({@link #RECENCY}, {@link #FREQUENCY}, {@link #MONETARY}):
 * {@code log1p(recencyDays)}, {@code log1p(frequency)} and {@code log1p(monetary)}, each standardized as
 * {@code (x - mean) / std} with the population mean and standard deviation of the training data (a standard deviation
 * of 0 is stored as 1). A customer who never purchased has no recency; it is represented as
 * {@link #neverPurchasedRecencyDays()}, fixed at training as the largest observed recency plus one day, so such
 * customers sit just beyond the most lapsed buyer.
 *
 * <h2>Persistence</h2>
 * Every accessor returns a copy of plain data; {@link #of} rebuilds an equal model from it.
 */
public final class KMeansModel {

    /** Number of coordinates of the feature space. */
    public static final int DIMENSIONS = 3;
    /** Index of the recency coordinate. */
    public static final int RECENCY = 0;
    /** Index of the frequency coordinate. */
    public static final int FREQUENCY = 1;
    /** Index of the monetary coordinate. */
    public static final int MONETARY = 2;

    private final String version;
    private final long seed;
    private final double neverPurchasedRecencyDays;
    private final double[] means;
    private final double[] stds;
    private final double[][] centroids;
    private final List<String> labels;
    private final List<String> ids;

    private KMeansModel(String version, long seed, double neverPurchasedRecencyDays, double[] means, double[] stds,
            double[][] centroids, List<String> labels) {
        this.version = version;
        this.seed = seed;
        this.neverPurchasedRecencyDays = neverPurchasedRecencyDays;
        this.means = means;
        this.stds = stds;
        this.centroids = centroids;
        this.labels = labels;
        List<String> idList = new ArrayList<>(labels.size());
        for (String label : labels) {
            idList.add(idOf(label));
        }
        this.ids = List.copyOf(idList);
    }

    /**
     * Builds a model from its plain data, e.g. read back from JSON; the arrays are copied.
     *
     * @param version the model version, not blank
     * @param seed the seed it was trained with
     * @param neverPurchasedRecencyDays the recency (days) standing in for "never purchased", finite, at least 0
     * @param means the three coordinate means
     * @param stds the three coordinate standard deviations, each finite and positive
     * @param centroids k (at least 1) centroids of three finite standardized coordinates each
     * @param labels k labels, not blank, unique, and unique as {@linkplain #ids() ids}
     * @return the model
     * @throws IllegalArgumentException if the data breaks these rules
     */
    public static KMeansModel of(String version, long seed, double neverPurchasedRecencyDays, double[] means,
            double[] stds, double[][] centroids, List<String> labels) {
        if (version == null || version.isBlank()) {
            throw new IllegalArgumentException("model version must not be blank");
        }
        if (!Double.isFinite(neverPurchasedRecencyDays) || neverPurchasedRecencyDays < 0) {
            throw new IllegalArgumentException("neverPurchasedRecencyDays must be finite and not negative");
        }
        double[] m = checkedVector("means", means);
        double[] s = checkedVector("stds", stds);
        for (double v : s) {
            if (v <= 0) {
                throw new IllegalArgumentException("stds must be positive");
            }
        }
        Objects.requireNonNull(centroids, "centroids");
        Objects.requireNonNull(labels, "labels");
        if (centroids.length < 1 || centroids.length > KMeansSettings.MAX_K) {
            throw new IllegalArgumentException("a model has 1 to " + KMeansSettings.MAX_K + " centroids");
        }
        if (labels.size() != centroids.length) {
            throw new IllegalArgumentException("one label per centroid: " + labels.size() + " labels for "
                    + centroids.length + " centroids");
        }
        double[][] c = new double[centroids.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = checkedVector("centroid " + i, centroids[i]);
        }
        Set<String> seenIds = new HashSet<>();
        for (String label : labels) {
            if (label == null || label.isBlank()) {
                throw new IllegalArgumentException("labels must not be blank");
            }
            if (!seenIds.add(idOf(label))) {
                throw new IllegalArgumentException("labels must be unique as ids: " + label);
            }
        }
        return new KMeansModel(version, seed, neverPurchasedRecencyDays, m, s, c, List.copyOf(labels));
    }

    /**
     * Rebuilds a model from its plain-data form.
     *
     * @param data the data, e.g. read back from JSON
     * @return the model
     * @throws IllegalArgumentException as {@link #of(String, long, double, double[], double[], double[][], List)}
     */
    public static KMeansModel of(Data data) {
        return of(data.version(), data.seed(), data.neverPurchasedRecencyDays(), data.means(), data.stds(),
                data.centroids(), data.labels());
    }

    /** @return the model as plain data, to store e.g. as JSON (a record, which Jackson writes and reads as is) */
    public Data toData() {
        return new Data(version, seed, neverPurchasedRecencyDays, means(), stds(), centroids(), labels);
    }

    /**
     * The plain-data form of a model: a transport shape (its arrays are compared by identity, so compare models, not
     * {@code Data}).
     *
     * @param version the model version
     * @param seed the training seed
     * @param neverPurchasedRecencyDays the recency standing in for "never purchased"
     * @param means the three coordinate means
     * @param stds the three coordinate standard deviations
     * @param centroids k rows of three standardized coordinates
     * @param labels k cluster labels
     */
    public record Data(String version, long seed, double neverPurchasedRecencyDays, double[] means, double[] stds,
            double[][] centroids, List<String> labels) {
    }

    private static double[] checkedVector(String name, double[] values) {
        Objects.requireNonNull(values, name);
        if (values.length != DIMENSIONS) {
            throw new IllegalArgumentException(name + " must have " + DIMENSIONS + " coordinates");
        }
        for (double v : values) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException(name + " must be finite");
            }
        }
        return values.clone();
    }

    /**
     * The segment id of a cluster label: {@code kmeans-} and the label in lower case, runs of anything but letters
     * and digits turned into one hyphen, e.g. {@code "Recent Frequent High-Value"} gives
     * {@code kmeans-recent-frequent-high-value}.
     *
     * @param label a cluster label
     * @return its segment id
     */
    public static String idOf(String label) {
        String slug = label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return KMeansSegmenter.STRATEGY + "-" + slug;
    }

    /**
     * The unstandardized coordinates of a customer: {@code log1p} of recency (never purchased: the stand-in),
     * frequency and monetary value.
     */
    static void logCoordinates(SegmentFeatures f, double neverPurchasedRecencyDays, double[] out) {
        Integer recency = f.recencyDays();
        out[RECENCY] = Math.log1p(recency == null ? neverPurchasedRecencyDays : recency);
        out[FREQUENCY] = Math.log1p(f.frequency());
        out[MONETARY] = Math.log1p(f.monetary().doubleValue());
    }

    /**
     * @param features a customer's features
     * @return the index of the centroid nearest to the customer (Euclidean, in the standardized space); on a tie, the
     *         lowest index
     */
    public int nearestCluster(SegmentFeatures features) {
        Integer recency = features.recencyDays();
        double r = (Math.log1p(recency == null ? neverPurchasedRecencyDays : recency) - means[RECENCY])
                / stds[RECENCY];
        double f = (Math.log1p(features.frequency()) - means[FREQUENCY]) / stds[FREQUENCY];
        double m = (Math.log1p(features.monetary().doubleValue()) - means[MONETARY]) / stds[MONETARY];
        int best = 0;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int i = 0; i < centroids.length; i++) {
            double[] c = centroids[i];
            double dr = r - c[RECENCY];
            double df = f - c[FREQUENCY];
            double dm = m - c[MONETARY];
            double d = dr * dr + df * df + dm * dm;
            if (d < bestDistance) {
                bestDistance = d;
                best = i;
            }
        }
        return best;
    }

    /**
     * @param cluster a cluster index
     * @return the cluster's centroid back in feature units, {recency days, frequency, monetary}: {@code expm1} of the
     *         unstandardized coordinates, a typical (log-space mean) customer of the cluster
     */
    public double[] centroidInFeatureUnits(int cluster) {
        double[] c = centroids[cluster];
        double[] out = new double[DIMENSIONS];
        for (int d = 0; d < DIMENSIONS; d++) {
            out[d] = Math.expm1(c[d] * stds[d] + means[d]);
        }
        return out;
    }

    /** @return the model version */
    public String version() {
        return version;
    }

    /** @return the seed the model was trained with */
    public long seed() {
        return seed;
    }

    /** @return the number of clusters */
    public int k() {
        return centroids.length;
    }

    /** @return the recency in days that stands in for "never purchased" */
    public double neverPurchasedRecencyDays() {
        return neverPurchasedRecencyDays;
    }

    /** @return a copy of the three coordinate means (of the log1p values) */
    public double[] means() {
        return means.clone();
    }

    /** @return a copy of the three coordinate standard deviations (of the log1p values) */
    public double[] stds() {
        return stds.clone();
    }

    /** @return a copy of the centroids, k rows of three standardized coordinates */
    public double[][] centroids() {
        double[][] copy = new double[centroids.length][];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = centroids[i].clone();
        }
        return copy;
    }

    /** @return the cluster labels, by cluster index */
    public List<String> labels() {
        return labels;
    }

    /** @return the segment ids, by cluster index (derived from the labels by {@link #idOf}) */
    public List<String> ids() {
        return ids;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KMeansModel other && version.equals(other.version) && seed == other.seed
                && Double.compare(neverPurchasedRecencyDays, other.neverPurchasedRecencyDays) == 0
                && Arrays.equals(means, other.means) && Arrays.equals(stds, other.stds)
                && Arrays.deepEquals(centroids, other.centroids) && labels.equals(other.labels);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, seed, neverPurchasedRecencyDays, Arrays.hashCode(means), Arrays.hashCode(stds),
                Arrays.deepHashCode(centroids), labels);
    }

    @Override
    public String toString() {
        return "KMeansModel[version=" + version + ", seed=" + seed + ", k=" + k() + ", labels=" + labels + "]";
    }
}
