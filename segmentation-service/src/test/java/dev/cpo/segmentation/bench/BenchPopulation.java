package dev.cpo.segmentation.bench;

import dev.cpo.events.SegmentFeatures;
import dev.cpo.segmentation.segment.CdnowProfiles;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * Customer populations for the benchmarks: the real CDNOW customers (see {@link CdnowProfiles} for the source and
 * licence), resampled, and a synthetic worst case for k-means.
 */
final class BenchPopulation {

    /** The seed of every resampling, so every run measures the same population. */
    static final long SEED = 20_260_101L;

    private BenchPopulation() {
    }

    /** @return the 23,570 CDNOW customers */
    static List<SegmentFeatures> cdnow() {
        return CdnowProfiles.features();
    }

    /**
     * @param size how many customers
     * @return CDNOW customers drawn with replacement (seeded), so the population keeps CDNOW's distributions
     */
    static List<SegmentFeatures> resampledCdnow(int size) {
        List<SegmentFeatures> source = cdnow();
        SplittableRandom random = new SplittableRandom(SEED);
        List<SegmentFeatures> population = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            population.add(source.get(random.nextInt(source.size())));
        }
        return population;
    }

    /**
     * A harder case for k-means than resampled CDNOW: every customer distinct and no cluster structure. Recency
     * uniform over 0-999 days, frequency 1 + a log-normal count, spend log-normal around $20 (seeded).
     *
     * @param size how many customers
     * @return the customers
     */
    static List<SegmentFeatures> structureless(int size) {
        SplittableRandom random = new SplittableRandom(SEED);
        Random gaussian = new Random(SEED);
        List<SegmentFeatures> population = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            int recency = random.nextInt(1_000);
            int frequency = 1 + (int) Math.exp(1.2 * gaussian.nextGaussian());
            BigDecimal monetary = BigDecimal.valueOf(Math.exp(3 + 1.5 * gaussian.nextGaussian()))
                    .setScale(2, RoundingMode.HALF_UP);
            population.add(new SegmentFeatures(recency, frequency, monetary, recency, recency + 30, null, true));
        }
        return population;
    }
}
