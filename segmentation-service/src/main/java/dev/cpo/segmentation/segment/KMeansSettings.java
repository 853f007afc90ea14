package dev.cpo.segmentation.segment;

/**
 * How {@link KMeansTrainer} trains: the range of k to choose from, the iteration cap, the seed and the sample sizes
 * used to choose k. With {@code minK == maxK}, k is fixed and no silhouette is computed.
 *
 * @param minK the smallest k tried, at least 1 (at least 2 when a range is given)
 * @param maxK the largest k tried, at least {@code minK}, at most {@value #MAX_K}
 * @param maxIterations the cap on Lloyd iterations of each k-means run, at least 1
 * @param seed the seed of the k-means++ initialisation and of the silhouette sample
 * @param silhouetteSampleSize how many customers the silhouette of each k is computed on, at least 2
 * @param selectionSampleSize how many customers the candidate k are trained on when k is chosen, at least 2; the
 *        chosen k is then trained on everyone
 */
public record KMeansSettings(int minK, int maxK, int maxIterations, long seed, int silhouetteSampleSize,
        int selectionSampleSize) {

    /** The largest k a model may have. */
    public static final int MAX_K = 20;
    /** The default iteration cap. */
    public static final int DEFAULT_MAX_ITERATIONS = 100;
    /** The default silhouette sample size. */
    public static final int DEFAULT_SILHOUETTE_SAMPLE = 2_000;
    /** The default size of the sample the candidate k are trained on. */
    public static final int DEFAULT_SELECTION_SAMPLE = 20_000;

    /** Checks the ranges. */
    public KMeansSettings {
        if (minK < 1 || maxK < minK || maxK > MAX_K) {
            throw new IllegalArgumentException("k range must satisfy 1 <= minK <= maxK <= " + MAX_K + ", not ["
                    + minK + ", " + maxK + "]");
        }
        if (minK < maxK && minK < 2) {
            throw new IllegalArgumentException("a k range to choose from by silhouette must start at 2 or more");
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations must be at least 1");
        }
        if (silhouetteSampleSize < 2 || selectionSampleSize < 2) {
            throw new IllegalArgumentException("sample sizes must be at least 2");
        }
    }

    /**
     * @param k the number of clusters
     * @param seed the seed
     * @return settings for a fixed k, with the default iteration cap
     */
    public static KMeansSettings fixedK(int k, long seed) {
        return new KMeansSettings(k, k, DEFAULT_MAX_ITERATIONS, seed, DEFAULT_SILHOUETTE_SAMPLE,
                DEFAULT_SELECTION_SAMPLE);
    }

    /**
     * @param minK the smallest k tried
     * @param maxK the largest k tried
     * @param seed the seed
     * @return settings that choose k by silhouette, with the default iteration cap and sample sizes
     */
    public static KMeansSettings chooseK(int minK, int maxK, long seed) {
        return new KMeansSettings(minK, maxK, DEFAULT_MAX_ITERATIONS, seed, DEFAULT_SILHOUETTE_SAMPLE,
                DEFAULT_SELECTION_SAMPLE);
    }

    /** @return whether k is chosen by silhouette rather than fixed */
    public boolean choosesK() {
        return minK < maxK;
    }
}
