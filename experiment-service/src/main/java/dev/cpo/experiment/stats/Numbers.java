package dev.cpo.experiment.stats;

import java.util.OptionalDouble;
import org.apache.commons.math3.distribution.NormalDistribution;

/** Package-private numeric helpers shared by the statistics classes. */
final class Numbers {

    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0.0, 1.0);

    private Numbers() {
    }

    /** NaN / infinite -> null, anything else boxed. */
    static Double orNull(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** NaN / infinite -> NaN, for turning nullable values back into primitives. */
    static double orNaN(Double v) {
        return v == null ? Double.NaN : v;
    }

    static OptionalDouble optional(double v) {
        return Double.isFinite(v) ? OptionalDouble.of(v) : OptionalDouble.empty();
    }

    static Double orNull(OptionalDouble v) {
        return v.isPresent() ? v.getAsDouble() : null;
    }

    /** Two-sided critical value z_{1-alpha/2} of the standard normal. */
    static double zTwoSided(double alpha) {
        checkAlpha(alpha);
        return STANDARD_NORMAL.inverseCumulativeProbability(1.0 - alpha / 2.0);
    }

    /** Quantile of the standard normal. */
    static double normalQuantile(double p) {
        return STANDARD_NORMAL.inverseCumulativeProbability(p);
    }

    static void checkAlpha(double alpha) {
        if (!(alpha > 0.0 && alpha < 1.0)) {
            throw new IllegalArgumentException("alpha must be in (0, 1): " + alpha);
        }
    }

    static double clamp01(double v) {
        return Math.max(0.0, Math.min(1.0, v));
    }
}
