package dev.cpo.experiment.stats;

/**
 * A point estimate with a confidence interval. Any component is {@code null} when undefined (never NaN or infinite), so the
 * record serialises to valid JSON.
 */
public record Estimate(Double value, Double lower, Double upper) {

    /** The fully undefined estimate. */
    public static final Estimate UNDEFINED = new Estimate(null, null, null);

    /** Builds an estimate from primitives; NaN or infinite components become {@code null}. */
    public static Estimate of(double value, double lower, double upper) {
        return new Estimate(Numbers.orNull(value), Numbers.orNull(lower), Numbers.orNull(upper));
    }

    /** True when the point estimate is defined. */
    public boolean isDefined() {
        return value != null;
    }
}
