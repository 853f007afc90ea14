package dev.cpo.segmentation.segment;

/**
 * The mean silhouette of points assigned to their nearest centroid: for each point, with {@code a} its mean distance to
 * the other points of its cluster and {@code b} the smallest mean distance to the points of another cluster,
 * {@code s = (b - a) / max(a, b)}; a point alone in its cluster, or in the only non-empty cluster, scores 0. Euclidean
 * distances; quadratic in the number of points, so callers pass a sample.
 */
final class Silhouette {

    private Silhouette() {
    }

    /**
     * @param points the (sampled) points
     * @param centroids the centroids; each point belongs to its nearest (the lowest index on a tie)
     * @return the mean silhouette, from -1 to 1
     */
    static double mean(double[][] points, double[][] centroids) {
        int n = points.length;
        int k = centroids.length;
        int[] cluster = new int[n];
        int[] sizes = new int[k];
        for (int i = 0; i < n; i++) {
            cluster[i] = nearest(points[i], centroids);
            sizes[cluster[i]]++;
        }
        double[] sums = new double[n * k]; // sums[i * k + c]: total distance from point i to the points of cluster c
        for (int i = 0; i < n; i++) {
            double[] p = points[i];
            for (int j = i + 1; j < n; j++) {
                double d = Math.sqrt(squaredDistance(p, points[j]));
                sums[i * k + cluster[j]] += d;
                sums[j * k + cluster[i]] += d;
            }
        }
        double total = 0;
        for (int i = 0; i < n; i++) {
            int own = cluster[i];
            if (sizes[own] < 2) {
                continue;
            }
            double a = sums[i * k + own] / (sizes[own] - 1);
            double b = Double.POSITIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                if (c != own && sizes[c] > 0) {
                    b = Math.min(b, sums[i * k + c] / sizes[c]);
                }
            }
            if (b == Double.POSITIVE_INFINITY) {
                continue;
            }
            double denominator = Math.max(a, b);
            total += denominator == 0 ? 0 : (b - a) / denominator;
        }
        return n == 0 ? 0 : total / n;
    }

    static int nearest(double[] point, double[][] centroids) {
        int best = 0;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int c = 0; c < centroids.length; c++) {
            double d = squaredDistance(point, centroids[c]);
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return best;
    }

    static double squaredDistance(double[] a, double[] b) {
        double sum = 0;
        for (int d = 0; d < a.length; d++) {
            double diff = a[d] - b[d];
            sum += diff * diff;
        }
        return sum;
    }
}
