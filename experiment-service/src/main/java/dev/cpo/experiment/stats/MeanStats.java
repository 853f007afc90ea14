package dev.cpo.experiment.stats;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * Statistics for a continuous per-customer metric (revenue per customer) from sufficient statistics {@code (n, sum,
 * sumOfSquares)} only. Comparisons are treatment minus control.
 *
 * <p>Conventions: a mean needs n &gt;= 1 and a variance n &gt;= 2, otherwise the dependent outputs are {@code null}. When both
 * sample variances are 0 (standard error 0) the t statistic and df are undefined ({@code null}); the p-value is then 1.0 if
 * the means are equal and 0.0 if they differ, and the interval has zero width.
 */
public final class MeanStats {

    private MeanStats() {
    }

    /**
     * Welch's t-test result. {@code difference} is {@code meanT - meanC} with its Welch interval {@code ± t_{1-alpha/2, df}
     * SE}; any field is null when undefined.
     */
    public record WelchResult(
            Double meanTreatment, Double meanControl, Estimate difference, Double t, Double df, Double pValue) {
    }

    /** {@code sum / n}, NaN when n = 0. */
    public static double mean(long n, double sum) {
        return n <= 0 ? Double.NaN : sum / n;
    }

    /**
     * Sample variance {@code (sumSq - sum^2/n) / (n - 1)}, clamped at 0 against rounding; NaN when n &lt; 2. (For very large
     * sums relative to the spread this textbook formula loses precision; revenue magnitudes are far from that regime.)
     */
    public static double variance(long n, double sum, double sumOfSquares) {
        if (n < 2) {
            return Double.NaN;
        }
        double v = (sumOfSquares - sum * sum / n) / (n - 1);
        return Math.max(0.0, v);
    }

    /** Welch's t-test on revenue per customer of two arms. */
    public static WelchResult welch(ArmAggregate treatment, ArmAggregate control, double alpha) {
        return welch(
                treatment.n(), treatment.revenueSum(), treatment.revenueSumOfSquares(),
                control.n(), control.revenueSum(), control.revenueSumOfSquares(), alpha);
    }

    /**
     * Welch's unequal-variance t-test: {@code t = (mT - mC) / sqrt(vT/nT + vC/nC)}, Welch–Satterthwaite {@code df = (vT/nT +
     * vC/nC)^2 / ((vT/nT)^2/(nT-1) + (vC/nC)^2/(nC-1))}, two-sided p from Student's t with df.
     */
    public static WelchResult welch(
            long nT, double sumT, double sumSqT, long nC, double sumC, double sumSqC, double alpha) {
        Numbers.checkAlpha(alpha);
        double mT = mean(nT, sumT);
        double mC = mean(nC, sumC);
        double vT = variance(nT, sumT, sumSqT);
        double vC = variance(nC, sumC, sumSqC);
        if (Double.isNaN(vT) || Double.isNaN(vC)) {
            double diff = mT - mC;
            return new WelchResult(
                    Numbers.orNull(mT), Numbers.orNull(mC), new Estimate(Numbers.orNull(diff), null, null), null, null,
                    null);
        }
        double diff = mT - mC;
        double aT = vT / nT;
        double aC = vC / nC;
        double se2 = aT + aC;
        if (se2 == 0.0) {
            return new WelchResult(mT, mC, Estimate.of(diff, diff, diff), null, null, diff == 0.0 ? 1.0 : 0.0);
        }
        double se = Math.sqrt(se2);
        double t = diff / se;
        double df = se2 * se2 / (aT * aT / (nT - 1) + aC * aC / (nC - 1));
        TDistribution dist = new TDistribution(null, df);
        double p = Numbers.clamp01(2.0 * dist.cumulativeProbability(-Math.abs(t)));
        double q = dist.inverseCumulativeProbability(1.0 - alpha / 2.0);
        return new WelchResult(mT, mC, Estimate.of(diff, diff - q * se, diff + q * se), t, df, p);
    }

    /**
     * Relative lift of the means {@code mT / mC - 1} with a delta-method interval on the log ratio: {@code Var(ln(mT/mC)) ≈
     * vT/(nT mT^2) + vC/(nC mC^2)}, interval {@code exp(ln ratio ± z SE) - 1} (normal z). Undefined when mC &lt;= 0 or an arm
     * is empty; bounds null when mT &lt;= 0 or a variance is undefined.
     */
    public static Estimate relativeLift(
            long nT, double sumT, double sumSqT, long nC, double sumC, double sumSqC, double alpha) {
        double z = Numbers.zTwoSided(alpha);
        double mT = mean(nT, sumT);
        double mC = mean(nC, sumC);
        if (Double.isNaN(mT) || Double.isNaN(mC) || mC <= 0.0) {
            return Estimate.UNDEFINED;
        }
        double lift = mT / mC - 1.0;
        double vT = variance(nT, sumT, sumSqT);
        double vC = variance(nC, sumC, sumSqC);
        if (mT <= 0.0 || Double.isNaN(vT) || Double.isNaN(vC)) {
            return new Estimate(lift, null, null);
        }
        double logRatio = Math.log(mT / mC);
        double se = Math.sqrt(vT / (nT * mT * mT) + vC / (nC * mC * mC));
        return Estimate.of(lift, Math.expm1(logRatio - z * se), Math.expm1(logRatio + z * se));
    }

    /** {@link #relativeLift(long, double, double, long, double, double, double)} for two arms' revenue. */
    public static Estimate relativeLift(ArmAggregate treatment, ArmAggregate control, double alpha) {
        return relativeLift(
                treatment.n(), treatment.revenueSum(), treatment.revenueSumOfSquares(),
                control.n(), control.revenueSum(), control.revenueSumOfSquares(), alpha);
    }
}
