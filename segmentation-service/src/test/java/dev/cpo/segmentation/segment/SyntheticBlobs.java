package dev.cpo.segmentation.segment;

import dev.cpo.events.SegmentFeatures;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Clearly separated groups of customers in log R/F/M space, for k-means tests. */
final class SyntheticBlobs {

    /** Centres of the groups: recency days, frequency, monetary. */
    static final double[][] CENTRES = {
            {3, 40, 5_000}, // recent, frequent, high spend
            {300, 1, 15}, // lapsed one-off, low spend
            {3, 1, 15}, // recent one-off, low spend
            {300, 40, 5_000}}; // lapsed, used to buy often and much

    private SyntheticBlobs() {
    }

    /**
     * @param groups how many of {@link #CENTRES} to use
     * @param perGroup customers per group
     * @param seed the seed of the jitter
     * @return customers jittered by at most about 10% around each centre, grouped in centre order
     */
    static List<SegmentFeatures> of(int groups, int perGroup, long seed) {
        Random random = new Random(seed);
        List<SegmentFeatures> population = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            double[] c = CENTRES[g];
            for (int i = 0; i < perGroup; i++) {
                int recency = (int) Math.round(c[0] * (1 + 0.1 * random.nextGaussian()));
                int frequency = Math.max(1, (int) Math.round(c[1] * (1 + 0.1 * random.nextGaussian())));
                double monetary = Math.round(c[2] * (1 + 0.1 * random.nextGaussian()) * 100) / 100.0;
                population.add(TestFeatures.rfm(Math.max(0, recency), frequency, Math.max(0, monetary)));
            }
        }
        return population;
    }
}
