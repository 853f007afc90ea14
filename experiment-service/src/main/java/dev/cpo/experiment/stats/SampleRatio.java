package dev.cpo.experiment.stats;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.stat.inference.ChiSquareTest;

/**
 * Sample-ratio mismatch (SRM) check: chi-square goodness-of-fit of the observed arm sizes against the target allocation
 * weights (k - 1 degrees of freedom). A mismatch is flagged when p &lt; {@link #DEFAULT_THRESHOLD}.
 */
public final class SampleRatio {

    /** Conventional SRM alarm threshold. */
    public static final double DEFAULT_THRESHOLD = 0.001;

    private SampleRatio() {
    }

    /**
     * SRM result. {@code chiSquare} and {@code pValue} are null when undefined (no customers at all); {@code mismatch} is
     * then false. {@code expected} are the expected counts {@code total * w_i / sum(w)}.
     */
    public record SrmResult(
            List<Long> observed, List<Double> expected, Double chiSquare, Double pValue, double threshold,
            boolean mismatch) {
    }

    public static SrmResult test(long[] observed, double[] weights) {
        return test(observed, weights, DEFAULT_THRESHOLD);
    }

    /**
     * @param observed customers per arm, all &gt;= 0, at least 2 arms
     * @param weights target allocation weights, same length, all &gt; 0 (need not sum to 1)
     */
    public static SrmResult test(long[] observed, double[] weights, double threshold) {
        if (observed.length != weights.length) {
            throw new IllegalArgumentException("observed and weights differ in length");
        }
        if (observed.length < 2) {
            throw new IllegalArgumentException("need at least 2 arms");
        }
        long total = 0;
        double weightSum = 0.0;
        for (int i = 0; i < observed.length; i++) {
            if (observed[i] < 0) {
                throw new IllegalArgumentException("observed counts must be >= 0");
            }
            if (!(weights[i] > 0.0) || !Double.isFinite(weights[i])) {
                throw new IllegalArgumentException("weights must be finite and > 0");
            }
            total += observed[i];
            weightSum += weights[i];
        }
        List<Long> obs = new ArrayList<>();
        List<Double> exp = new ArrayList<>();
        double[] expected = new double[observed.length];
        for (int i = 0; i < observed.length; i++) {
            expected[i] = total * weights[i] / weightSum;
            obs.add(observed[i]);
            exp.add(expected[i]);
        }
        if (total == 0) {
            return new SrmResult(List.copyOf(obs), List.copyOf(exp), null, null, threshold, false);
        }
        ChiSquareTest test = new ChiSquareTest();
        double chi2 = test.chiSquare(expected, observed);
        double p = test.chiSquareTest(expected, observed);
        return new SrmResult(
                List.copyOf(obs), List.copyOf(exp), Numbers.orNull(chi2), Numbers.orNull(p), threshold, p < threshold);
    }
}
