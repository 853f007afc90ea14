package dev.cpo.segmentation.segment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Names k-means clusters from their standardized centroids. Pure and deterministic.
 *
 * <h2>Base label</h2>
 * Three words, one per coordinate, by the centroid's standardized value {@code z} (0 = population mean):
 *
 * <table>
 * <caption>Label words</caption>
 * <tr><th>coordinate</th><th>z &lt; -0.5</th><th>-0.5 &le; z &le; 0.5</th><th>z &gt; 0.5</th></tr>
 * <tr><td>recency (days)</td><td>Recent</td><td>Cooling</td><td>Lapsed</td></tr>
 * <tr><td>frequency</td><td>Occasional</td><td>Regular</td><td>Frequent</td></tr>
 * <tr><td>monetary</td><td>Low-Spend</td><td>Mid-Value</td><td>High-Value</td></tr>
 * </table>
 *
 * e.g. "Recent Frequent High-Value", "Lapsed Occasional Low-Spend".
 *
 * <h2>Making labels unique</h2>
 * Clusters that share a label are told apart by the coordinate on which their centroids spread most (ties: monetary,
 * then frequency, then recency). They are ranked on it, best first (higher spend, more frequent, more recent), and
 * each gets a rank word appended, e.g. "Higher-Spend" / "Lower-Spend" for two, "Most-Recent" / "Mid-Recency" /
 * "Least-Recent" for three. A group larger than five is split in five rank bands and the step repeats inside each
 * band. Centroids must be distinct, which guarantees that this ends.
 */
final class KMeansLabeler {

    /** Band thresholds on the standardized centroid coordinate. */
    static final double BAND = 0.5;

    private static final String[][] BAND_WORDS = {
            {"Recent", "Cooling", "Lapsed"}, // recency: low z = few days = recent
            {"Occasional", "Regular", "Frequent"},
            {"Low-Spend", "Mid-Value", "High-Value"}};

    /** Rank words per coordinate, best first. */
    private static final String[][] RANK_WORDS = {
            {"Most-Recent", "More-Recent", "Mid-Recency", "Less-Recent", "Least-Recent"},
            {"Most-Frequent", "More-Frequent", "Mid-Frequency", "Less-Frequent", "Least-Frequent"},
            {"Highest-Spend", "Higher-Spend", "Mid-Spend", "Lower-Spend", "Lowest-Spend"}};

    /** Which of the five rank words a group of 2 to 5 uses, by rank. */
    private static final int[][] RANK_PICKS = {null, null, {1, 3}, {0, 2, 4}, {0, 1, 3, 4}, {0, 1, 2, 3, 4}};

    /** The order in which coordinates win a tie on spread. */
    private static final int[] TIE_ORDER = {KMeansModel.MONETARY, KMeansModel.FREQUENCY, KMeansModel.RECENCY};

    private KMeansLabeler() {
    }

    /**
     * @param centroids distinct standardized centroids
     * @return one unique label per centroid, in the same order
     */
    static List<String> labels(double[][] centroids) {
        String[] labels = new String[centroids.length];
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < centroids.length; i++) {
            labels[i] = baseLabel(centroids[i]);
            all.add(i);
        }
        separate(all, centroids, labels);
        return List.of(labels);
    }

    static String baseLabel(double[] centroid) {
        return word(KMeansModel.RECENCY, centroid) + " " + word(KMeansModel.FREQUENCY, centroid) + " "
                + word(KMeansModel.MONETARY, centroid);
    }

    private static String word(int dimension, double[] centroid) {
        double z = centroid[dimension];
        int band = z < -BAND ? 0 : z > BAND ? 2 : 1;
        return BAND_WORDS[dimension][band];
    }

    /** Appends rank words inside every group of {@code members} that shares a label, until all labels differ. */
    private static void separate(List<Integer> members, double[][] centroids, String[] labels) {
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int i : members) {
            groups.computeIfAbsent(labels[i], l -> new ArrayList<>()).add(i);
        }
        for (List<Integer> group : groups.values()) {
            if (group.size() > 1) {
                rank(group, centroids, labels);
                separate(group, centroids, labels);
            }
        }
    }

    private static void rank(List<Integer> group, double[][] centroids, String[] labels) {
        int dimension = widestDimension(group, centroids);
        // Best first: lower recency days, higher frequency, higher spend; equal values keep index order.
        Comparator<Integer> best = Comparator.comparingDouble(i -> dimension == KMeansModel.RECENCY
                ? centroids[i][dimension]
                : -centroids[i][dimension]);
        List<Integer> ranked = new ArrayList<>(group);
        ranked.sort(best.thenComparing(Comparator.naturalOrder()));
        int g = ranked.size();
        for (int position = 0; position < g; position++) {
            int wordIndex = g < RANK_PICKS.length ? RANK_PICKS[g][position] : position * 5 / g;
            int cluster = ranked.get(position);
            labels[cluster] = labels[cluster] + " " + RANK_WORDS[dimension][wordIndex];
        }
    }

    private static int widestDimension(List<Integer> group, double[][] centroids) {
        int widest = TIE_ORDER[0];
        double widestSpread = -1;
        for (int dimension : TIE_ORDER) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int i : group) {
                min = Math.min(min, centroids[i][dimension]);
                max = Math.max(max, centroids[i][dimension]);
            }
            if (max - min > widestSpread) {
                widestSpread = max - min;
                widest = dimension;
            }
        }
        return widest;
    }
}
