package dev.cpo.simulator.model;

/**
 * Where the relative uplift of each tone is drawn from: {@code Normal(mean, sd)} clamped to {@code [min, max]}.
 *
 * @param mean mean relative uplift, e.g. 0.15 for +15 %
 * @param sd standard deviation, at least 0
 * @param min lowest uplift, above -1
 * @param max highest uplift, at least min
 */
public record UpliftPrior(double mean, double sd, double min, double max) {

    /** The default prior: Normal(0.15, 0.05) clamped to [0.05, 0.30]. */
    public static final UpliftPrior DEFAULT = new UpliftPrior(0.15, 0.05, 0.05, 0.30);

    /** Checks that the numbers are finite, sd ≥ 0, min > -1 and min ≤ max. */
    public UpliftPrior {
        if (!Double.isFinite(mean) || !Double.isFinite(sd) || !Double.isFinite(min) || !Double.isFinite(max)) {
            throw new IllegalArgumentException("the uplift prior must be finite numbers");
        }
        if (sd < 0) {
            throw new IllegalArgumentException("uplift sd must not be negative, was " + sd);
        }
        if (min <= -1) {
            throw new IllegalArgumentException("uplift min must be above -1 (a rate cannot fall below 0), was " + min);
        }
        if (min > max) {
            throw new IllegalArgumentException("uplift min (" + min + ") must not exceed max (" + max + ")");
        }
    }

    /**
     * @param value a draw
     * @return the draw clamped to [min, max]
     */
    public double clamp(double value) {
        return Math.max(min, Math.min(max, value));
    }
}
