package dev.cpo.experiment.stats;

/**
 * Running sufficient statistics of one experiment arm, updated in O(1) per event. Not thread-safe.
 *
 * <p>All counts are counts of <em>customers</em>: the caller records at most one open, one click and one conversion per
 * assigned customer (deduplication is the caller's job). Revenue is per customer: {@link #addConversion(double)} adds the
 * customer's revenue {@code r} to {@code revenueSum} and {@code r*r} to {@code revenueSumOfSquares}; customers without a
 * conversion contribute revenue 0 (which adds nothing to either sum), so the revenue mean and variance are over all
 * {@code n} assigned customers. Metrics are computed from these sums only, never by scanning events.
 */
public final class ArmAggregate {

    private long n;
    private long opens;
    private long clicks;
    private long conversions;
    private double revenueSum;
    private double revenueSumOfSquares;

    public ArmAggregate() {
    }

    /** Builds an aggregate from already-known sums (e.g. loaded from storage). */
    public static ArmAggregate of(
            long n, long opens, long clicks, long conversions, double revenueSum, double revenueSumOfSquares) {
        if (n < 0 || opens < 0 || clicks < 0 || conversions < 0) {
            throw new IllegalArgumentException("counts must be >= 0");
        }
        ArmAggregate a = new ArmAggregate();
        a.n = n;
        a.opens = opens;
        a.clicks = clicks;
        a.conversions = conversions;
        a.revenueSum = revenueSum;
        a.revenueSumOfSquares = revenueSumOfSquares;
        return a;
    }

    /** One more customer assigned to the arm. */
    public ArmAggregate addAssignment() {
        n++;
        return this;
    }

    /** One more (distinct) customer opened. */
    public ArmAggregate addOpen() {
        opens++;
        return this;
    }

    /** One more (distinct) customer clicked. */
    public ArmAggregate addClick() {
        clicks++;
        return this;
    }

    /** One more (distinct) customer converted, with that customer's revenue (0 allowed). */
    public ArmAggregate addConversion(double revenue) {
        if (!Double.isFinite(revenue)) {
            throw new IllegalArgumentException("revenue must be finite: " + revenue);
        }
        conversions++;
        revenueSum += revenue;
        revenueSumOfSquares += revenue * revenue;
        return this;
    }

    /** Adds another aggregate's sums into this one (e.g. rolling segments up). */
    public ArmAggregate merge(ArmAggregate other) {
        n += other.n;
        opens += other.opens;
        clicks += other.clicks;
        conversions += other.conversions;
        revenueSum += other.revenueSum;
        revenueSumOfSquares += other.revenueSumOfSquares;
        return this;
    }

    public ArmAggregate copy() {
        return of(n, opens, clicks, conversions, revenueSum, revenueSumOfSquares);
    }

    public long n() {
        return n;
    }

    public long opens() {
        return opens;
    }

    public long clicks() {
        return clicks;
    }

    public long conversions() {
        return conversions;
    }

    public double revenueSum() {
        return revenueSum;
    }

    public double revenueSumOfSquares() {
        return revenueSumOfSquares;
    }

    /** Number of customers with the given binary metric; throws for REVENUE. */
    public long count(Metric metric) {
        switch (metric) {
            case OPEN :
                return opens;
            case CLICK :
                return clicks;
            case CONVERSION :
                return conversions;
            default :
                throw new IllegalArgumentException("not a proportion metric: " + metric);
        }
    }

    /** Rate of a binary metric, or NaN when n = 0. */
    public double rate(Metric metric) {
        return n == 0 ? Double.NaN : (double) count(metric) / n;
    }

    /** Revenue per assigned customer, or NaN when n = 0. */
    public double revenueMean() {
        return MeanStats.mean(n, revenueSum);
    }

    /** Sample variance (n - 1 denominator) of revenue per customer, or NaN when n &lt; 2. */
    public double revenueVariance() {
        return MeanStats.variance(n, revenueSum, revenueSumOfSquares);
    }

    /** The metric's point value: a rate, or the revenue mean; NaN when undefined. */
    public double value(Metric metric) {
        return metric.isProportion() ? rate(metric) : revenueMean();
    }

    @Override
    public String toString() {
        return "ArmAggregate[n=" + n + ", opens=" + opens + ", clicks=" + clicks + ", conversions=" + conversions
                + ", revenueSum=" + revenueSum + ", revenueSumOfSquares=" + revenueSumOfSquares + "]";
    }
}
