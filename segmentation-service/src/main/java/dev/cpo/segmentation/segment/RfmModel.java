package dev.cpo.segmentation.segment;

import dev.cpo.events.SegmentFeatures;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Quintile boundaries for recency (R), frequency (F) and monetary value (M), fitted on a customer population, and the
 * 1-5 scores they give. Immutable and thread-safe; scoring allocates nothing.
 *
 * <h2>Fitting</h2>
 * Boundaries are fitted on the customers who have purchased ({@code recencyDays != null}); customers who never
 * purchased would otherwise pull every F and M boundary to zero. For each dimension the fitted values are sorted and
 * the four boundaries are the 20th, 40th, 60th and 80th percentiles by the <em>nearest-rank</em> definition: for
 * {@code n} values sorted ascending {@code x[1] <= ... <= x[n]}, boundary {@code q} ({@code q = 1..4}) is
 * {@code x[ceil(n * q / 5)]}, computed in integer arithmetic. Boundaries are therefore observed values, and never
 * decrease. Monetary values are compared as {@link java.math.BigDecimal#doubleValue()}.
 *
 * <h2>Scoring and ties</h2>
 * <ul>
 * <li>A score depends on the value only, so equal values always get the same score, whatever the population order.
 * <li>F and M: {@code score = 1 + (number of boundaries strictly below the value)}. A value equal to a boundary
 * goes with the smaller values: the lower score.
 * <li>R is inverted (more recent = higher score): {@code score = 5 - (number of boundaries strictly below the
 * recency in days)}. A recency equal to a boundary goes with the more recent values: the higher score.
 * <li>When many customers share a value, boundaries coincide and some scores are skipped: with half the customers
 * buying once, F boundaries look like {@code [1, 1, 2, 3]}, so one-time buyers score F=1 and two-time buyers F=3.
 * <li>A dimension without spread (no purchasers, one purchaser, or all purchasers equal) has no boundaries: every
 * purchaser scores a neutral 3 in it.
 * <li>Customers who never purchased ({@code recencyDays == null}) score R=1 and F=1; their M is scored like anyone
 * else's (their spend is normally 0, so M=1, or 3 in a dimension without spread).
 * </ul>
 */
public final class RfmModel {

    /** Number of boundaries of a fitted dimension with spread (quintiles). */
    public static final int BOUNDARY_COUNT = 4;

    /** The score of every purchaser in a dimension without spread. */
    public static final int NEUTRAL_SCORE = 3;

    private final String version;
    private final double[] recencyBounds;
    private final double[] frequencyBounds;
    private final double[] monetaryBounds;

    private RfmModel(String version, double[] recencyBounds, double[] frequencyBounds, double[] monetaryBounds) {
        this.version = version;
        this.recencyBounds = recencyBounds;
        this.frequencyBounds = frequencyBounds;
        this.monetaryBounds = monetaryBounds;
    }

    /**
     * Fits the boundaries on a population.
     *
     * @param population the current customers, in any order; may be empty
     * @param version the model version carried on the segments it assigns, not blank
     * @return the model
     */
    public static RfmModel fit(Collection<SegmentFeatures> population, String version) {
        requireVersion(version);
        int purchasers = 0;
        for (SegmentFeatures f : population) {
            if (f.recencyDays() != null) {
                purchasers++;
            }
        }
        double[] recency = new double[purchasers];
        double[] frequency = new double[purchasers];
        double[] monetary = new double[purchasers];
        int i = 0;
        for (SegmentFeatures f : population) {
            if (f.recencyDays() != null) {
                recency[i] = f.recencyDays();
                frequency[i] = f.frequency();
                monetary[i] = f.monetary().doubleValue();
                i++;
            }
        }
        return new RfmModel(version, quintileBounds(recency), quintileBounds(frequency), quintileBounds(monetary));
    }

    /**
     * Rebuilds a model from its plain-data form, e.g. read back from JSON.
     *
     * @param version the model version, not blank
     * @param recencyBounds the recency boundaries in days: empty, or four finite non-decreasing values
     * @param frequencyBounds the frequency boundaries, likewise
     * @param monetaryBounds the monetary boundaries, likewise
     * @return the model
     * @throws IllegalArgumentException if a list breaks these rules
     */
    public static RfmModel of(String version, List<Double> recencyBounds, List<Double> frequencyBounds,
            List<Double> monetaryBounds) {
        requireVersion(version);
        return new RfmModel(version, checkedBounds("recency", recencyBounds),
                checkedBounds("frequency", frequencyBounds), checkedBounds("monetary", monetaryBounds));
    }

    /**
     * Rebuilds a model from its plain-data form.
     *
     * @param data the data, e.g. read back from JSON
     * @return the model
     * @throws IllegalArgumentException as {@link #of(String, List, List, List)}
     */
    public static RfmModel of(Data data) {
        return of(data.version(), data.recencyBounds(), data.frequencyBounds(), data.monetaryBounds());
    }

    /** @return the model as plain data, to store e.g. as JSON (a record, which Jackson writes and reads as is) */
    public Data toData() {
        return new Data(version, recencyBounds(), frequencyBounds(), monetaryBounds());
    }

    /**
     * The plain-data form of a model.
     *
     * @param version the model version
     * @param recencyBounds the recency boundaries in days (empty or four, non-decreasing)
     * @param frequencyBounds the frequency boundaries (empty or four, non-decreasing)
     * @param monetaryBounds the monetary boundaries (empty or four, non-decreasing)
     */
    public record Data(String version, List<Double> recencyBounds, List<Double> frequencyBounds,
            List<Double> monetaryBounds) {
    }

    /**
     * The nearest-rank quintile boundaries of some values; empty when the values have no spread.
     *
     * @param values the values, in any order (not modified)
     * @return four non-decreasing boundaries, or none
     */
    static double[] quintileBounds(double[] values) {
        int n = values.length;
        if (n == 0) {
            return new double[0];
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        if (sorted[0] == sorted[n - 1]) {
            return new double[0];
        }
        double[] bounds = new double[BOUNDARY_COUNT];
        for (int q = 1; q <= BOUNDARY_COUNT; q++) {
            long rank = ((long) n * q + 4) / 5; // ceil(n * q / 5), 1-based
            bounds[q - 1] = sorted[(int) rank - 1];
        }
        return bounds;
    }

    /**
     * @param recencyDays days since the last purchase, {@code null} if never
     * @return the R score, 1 (long ago or never) to 5 (recent)
     */
    public int recencyScore(Integer recencyDays) {
        if (recencyDays == null) {
            return 1;
        }
        if (recencyBounds.length == 0) {
            return NEUTRAL_SCORE;
        }
        return BOUNDARY_COUNT + 1 - countBelow(recencyBounds, recencyDays);
    }

    /**
     * @param frequency the number of orders
     * @param purchased whether the customer ever purchased; if not, F is 1
     * @return the F score, 1 (rare) to 5 (frequent)
     */
    public int frequencyScore(int frequency, boolean purchased) {
        if (!purchased) {
            return 1;
        }
        return score(frequencyBounds, frequency);
    }

    /**
     * @param monetary the lifetime spend
     * @return the M score, 1 (low) to 5 (high)
     */
    public int monetaryScore(double monetary) {
        return score(monetaryBounds, monetary);
    }

    /**
     * @param features a customer's features
     * @return the customer's scores
     */
    public RfmScores score(SegmentFeatures features) {
        boolean purchased = features.recencyDays() != null;
        return new RfmScores(recencyScore(features.recencyDays()), frequencyScore(features.frequency(), purchased),
                monetaryScore(features.monetary().doubleValue()));
    }

    private static int score(double[] bounds, double value) {
        if (bounds.length == 0) {
            return NEUTRAL_SCORE;
        }
        return 1 + countBelow(bounds, value);
    }

    private static int countBelow(double[] bounds, double value) {
        int below = 0;
        for (double b : bounds) {
            if (b < value) {
                below++;
            }
        }
        return below;
    }

    /** @return the model version */
    public String version() {
        return version;
    }

    /** @return the recency boundaries in days (empty or four, non-decreasing) */
    public List<Double> recencyBounds() {
        return asList(recencyBounds);
    }

    /** @return the frequency boundaries (empty or four, non-decreasing) */
    public List<Double> frequencyBounds() {
        return asList(frequencyBounds);
    }

    /** @return the monetary boundaries (empty or four, non-decreasing) */
    public List<Double> monetaryBounds() {
        return asList(monetaryBounds);
    }

    private static List<Double> asList(double[] values) {
        List<Double> list = new ArrayList<>(values.length);
        for (double v : values) {
            list.add(v);
        }
        return List.copyOf(list);
    }

    private static double[] checkedBounds(String dimension, List<Double> bounds) {
        Objects.requireNonNull(bounds, dimension + " bounds");
        if (!bounds.isEmpty() && bounds.size() != BOUNDARY_COUNT) {
            throw new IllegalArgumentException(
                    dimension + " bounds must be empty or hold " + BOUNDARY_COUNT + " values, not " + bounds.size());
        }
        double[] values = new double[bounds.size()];
        for (int i = 0; i < values.length; i++) {
            Double v = bounds.get(i);
            if (v == null || !Double.isFinite(v)) {
                throw new IllegalArgumentException(dimension + " bounds must be finite numbers");
            }
            if (i > 0 && v < values[i - 1]) {
                throw new IllegalArgumentException(dimension + " bounds must not decrease");
            }
            values[i] = v;
        }
        return values;
    }

    private static void requireVersion(String version) {
        if (version == null || version.isBlank()) {
            throw new IllegalArgumentException("model version must not be blank");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RfmModel other && version.equals(other.version)
                && Arrays.equals(recencyBounds, other.recencyBounds)
                && Arrays.equals(frequencyBounds, other.frequencyBounds)
                && Arrays.equals(monetaryBounds, other.monetaryBounds);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, Arrays.hashCode(recencyBounds), Arrays.hashCode(frequencyBounds),
                Arrays.hashCode(monetaryBounds));
    }

    @Override
    public String toString() {
        return "RfmModel[version=" + version + ", recency=" + Arrays.toString(recencyBounds) + ", frequency="
                + Arrays.toString(frequencyBounds) + ", monetary=" + Arrays.toString(monetaryBounds) + "]";
    }
}
