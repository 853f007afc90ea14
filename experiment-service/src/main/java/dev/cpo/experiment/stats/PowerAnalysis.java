package dev.cpo.experiment.stats;

import java.util.OptionalDouble;

/**
 * Sample size and minimum detectable effect (MDE) for a two-sided two-proportion test, normal approximation, equal arm
 * sizes. With {@code p1} the baseline, {@code p2 = p1 + d}, {@code p̄ = (p1 + p2)/2}:
 *
 * <pre>n = (z_{1-α/2} sqrt(2 p̄ q̄) + z_{1-β} sqrt(p1 q1 + p2 q2))^2 / d^2</pre>
 *
 * rounded up per arm. The effect is taken upward ({@code p2 = p1 + d}).
 */
public final class PowerAnalysis {

    private static final int BISECTION_ITERATIONS = 200;

    private PowerAnalysis() {
    }

    /** Required customers per arm to detect an absolute change {@code mdeAbsolute} over {@code baseline}. */
    public static long sampleSizePerArm(double baseline, double mdeAbsolute, double alpha, double power) {
        double n = rawSampleSize(baseline, mdeAbsolute, alpha, power);
        // Guard against 3841.0000000001 from rounding turning into 3842.
        return (long) Math.ceil(n - 1e-9);
    }

    /** Convenience: the MDE given relative to the baseline, e.g. 0.2 for +20% ({@code d = baseline * mdeRelative}). */
    public static long sampleSizePerArmRelative(double baseline, double mdeRelative, double alpha, double power) {
        return sampleSizePerArm(baseline, baseline * mdeRelative, alpha, power);
    }

    /** The unrounded formula value. */
    static double rawSampleSize(double baseline, double d, double alpha, double power) {
        if (!(baseline > 0.0 && baseline < 1.0)) {
            throw new IllegalArgumentException("baseline must be in (0, 1): " + baseline);
        }
        if (!(d > 0.0) || !(baseline + d < 1.0)) {
            throw new IllegalArgumentException("need d > 0 and baseline + d < 1: d = " + d);
        }
        checkPower(power);
        double zAlpha = Numbers.zTwoSided(alpha);
        double zBeta = Numbers.normalQuantile(power);
        double p1 = baseline;
        double p2 = baseline + d;
        double pBar = (p1 + p2) / 2.0;
        double a = zAlpha * Math.sqrt(2.0 * pBar * (1.0 - pBar)) + zBeta * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
        return a * a / (d * d);
    }

    /**
     * The smallest absolute upward effect detectable with {@code nPerArm} customers per arm: the {@code d} in (0, 1 -
     * baseline) where the (unrounded) formula equals {@code nPerArm}, found by bisection (the formula decreases in d). Empty
     * when nPerArm &lt;= 0 or even the largest possible effect would need more customers.
     */
    public static OptionalDouble minimumDetectableEffect(double baseline, long nPerArm, double alpha, double power) {
        if (!(baseline > 0.0 && baseline < 1.0)) {
            throw new IllegalArgumentException("baseline must be in (0, 1): " + baseline);
        }
        Numbers.checkAlpha(alpha);
        checkPower(power);
        if (nPerArm <= 0) {
            return OptionalDouble.empty();
        }
        double lo = 0.0;
        double hi = 1.0 - baseline;
        double hiInside = hi * (1 - 1e-12);
        if (rawSampleSize(baseline, hiInside, alpha, power) > nPerArm) {
            return OptionalDouble.empty();
        }
        hi = hiInside;
        for (int i = 0; i < BISECTION_ITERATIONS && hi - lo > 1e-15; i++) {
            double mid = (lo + hi) / 2.0;
            if (rawSampleSize(baseline, mid, alpha, power) > nPerArm) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return OptionalDouble.of(hi);
    }

    private static void checkPower(double power) {
        if (!(power > 0.0 && power < 1.0)) {
            throw new IllegalArgumentException("power must be in (0, 1): " + power);
        }
    }
}
