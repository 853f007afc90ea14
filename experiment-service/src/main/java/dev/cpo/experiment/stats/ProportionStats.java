package dev.cpo.experiment.stats;

import java.util.OptionalDouble;
import org.apache.commons.math3.distribution.HypergeometricDistribution;
import org.apache.commons.math3.special.Erf;
import org.apache.commons.math3.special.Gamma;

/**
 * Statistics for rates (binary per-customer metrics). All comparisons are treatment minus control; arguments are
 * {@code (xT, nT)} successes / customers of the treatment arm and {@code (xC, nC)} of the control arm.
 *
 * <p>Conventions (never exceptions, never NaN in results):
 *
 * <ul>
 *   <li>An empty arm ({@code n = 0}) makes its rate, every interval and every p-value involving it undefined ({@code
 *       null} in {@link Estimate}, empty {@link OptionalDouble}).
 *   <li>Degenerate but non-empty tables - zero successes in both arms, or 100% in both - carry no evidence of a difference:
 *       the z-test and chi-square p-value is {@code 1.0} (Fisher's test gives 1.0 naturally), the difference is 0 with the
 *       zero-width interval [0, 0].
 *   <li>Relative lift is undefined (all {@code null}) when the control rate is 0. When the treatment rate is 0 (and the
 *       control's is not) the point lift is -1 but its log-scale interval is undefined ({@code null} bounds).
 * </ul>
 */
public final class ProportionStats {

    /** Fisher's test is used instead of chi-square when any expected cell count is below this. */
    public static final double MIN_EXPECTED_COUNT = 5.0;

    /** Relative tolerance when comparing hypergeometric probabilities to the observed one (as R's fisher.test). */
    private static final double FISHER_RELATIVE_TOLERANCE = 1e-7;

    private ProportionStats() {
    }

    /** The p-value of a 2x2 comparison and the test that produced it; {@code pValue} is null when undefined. */
    public record TestResult(TestKind test, Double pValue) {
    }

    /**
     * Wilson score interval for a rate at two-sided level {@code 1 - alpha}: centre {@code (p + z^2/2n) / (1 + z^2/n)},
     * half-width {@code z / (1 + z^2/n) * sqrt(p(1-p)/n + z^2/4n^2)}, clamped to [0, 1]. Undefined when n = 0.
     */
    public static Estimate wilson(long successes, long n, double alpha) {
        checkCounts(successes, n);
        double z = Numbers.zTwoSided(alpha);
        if (n == 0) {
            return Estimate.UNDEFINED;
        }
        double p = (double) successes / n;
        double z2 = z * z;
        double denom = 1.0 + z2 / n;
        double centre = (p + z2 / (2.0 * n)) / denom;
        double half = z / denom * Math.sqrt(p * (1.0 - p) / n + z2 / (4.0 * n * (double) n));
        double lower = successes == 0 ? 0.0 : Numbers.clamp01(centre - half);
        double upper = successes == n ? 1.0 : Numbers.clamp01(centre + half);
        return Estimate.of(p, lower, upper);
    }

    /** Difference of rates {@code pT - pC} with the Wald (unpooled) interval {@code ± z sqrt(pT qT/nT + pC qC/nC)}. */
    public static Estimate difference(long xT, long nT, long xC, long nC, double alpha) {
        checkCounts(xT, nT);
        checkCounts(xC, nC);
        double z = Numbers.zTwoSided(alpha);
        if (nT == 0 || nC == 0) {
            return Estimate.UNDEFINED;
        }
        double pT = (double) xT / nT;
        double pC = (double) xC / nC;
        double diff = pT - pC;
        double se = Math.sqrt(pT * (1 - pT) / nT + pC * (1 - pC) / nC);
        return Estimate.of(diff, diff - z * se, diff + z * se);
    }

    /**
     * Relative lift {@code pT / pC - 1}. The interval is the delta method on the <em>log</em> ratio: {@code Var(ln(pT/pC))
     * ≈ (1-pT)/(nT pT) + (1-pC)/(nC pC)}, interval {@code exp(ln(pT/pC) ± z SE) - 1}; it is therefore asymmetric and never
     * below -1. Undefined when an arm is empty or pC = 0; bounds undefined (null) when pT = 0.
     */
    public static Estimate relativeLift(long xT, long nT, long xC, long nC, double alpha) {
        checkCounts(xT, nT);
        checkCounts(xC, nC);
        double z = Numbers.zTwoSided(alpha);
        if (nT == 0 || nC == 0 || xC == 0) {
            return Estimate.UNDEFINED;
        }
        double pT = (double) xT / nT;
        double pC = (double) xC / nC;
        if (xT == 0) {
            return new Estimate(-1.0, null, null);
        }
        double logRatio = Math.log(pT / pC);
        double se = Math.sqrt((1 - pT) / (nT * pT) + (1 - pC) / (nC * pC));
        return Estimate.of(pT / pC - 1.0, Math.expm1(logRatio - z * se), Math.expm1(logRatio + z * se));
    }

    /**
     * Pooled two-proportion z statistic {@code (pT - pC) / sqrt(p(1-p)(1/nT + 1/nC))}, p the pooled rate. NaN when an arm is
     * empty or the pooled rate is 0 or 1.
     */
    public static double zStatistic(long xT, long nT, long xC, long nC) {
        checkCounts(xT, nT);
        checkCounts(xC, nC);
        if (nT == 0 || nC == 0) {
            return Double.NaN;
        }
        double pooled = (double) (xT + xC) / (nT + nC);
        double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / nT + 1.0 / nC));
        if (se == 0.0) {
            return Double.NaN;
        }
        return ((double) xT / nT - (double) xC / nC) / se;
    }

    /** Two-sided p-value of the pooled two-proportion z-test; 1.0 for a degenerate table, empty when an arm is empty. */
    public static OptionalDouble zTestPValue(long xT, long nT, long xC, long nC) {
        double z = zStatistic(xT, nT, xC, nC);
        if (nT == 0 || nC == 0) {
            return OptionalDouble.empty();
        }
        if (Double.isNaN(z)) {
            return OptionalDouble.of(1.0);
        }
        // 2 * (1 - Phi(|z|)) = erfc(|z| / sqrt 2), without the cancellation of 1 - cdf.
        return OptionalDouble.of(Math.min(1.0, Erf.erfc(Math.abs(z) / Math.sqrt(2.0))));
    }

    /**
     * Pearson chi-square statistic of the 2x2 table [[xT, nT-xT], [xC, nC-xC]] without continuity correction: {@code N
     * (ad - bc)^2 / (row1 row2 col1 col2)}. 0 when a column is empty, NaN when a row (arm) is empty.
     */
    public static double chiSquareStatistic(long xT, long nT, long xC, long nC) {
        checkCounts(xT, nT);
        checkCounts(xC, nC);
        if (nT == 0 || nC == 0) {
            return Double.NaN;
        }
        double a = xT;
        double b = nT - xT;
        double c = xC;
        double d = nC - xC;
        double successes = a + c;
        double failures = b + d;
        if (successes == 0 || failures == 0) {
            return 0.0;
        }
        double total = a + b + c + d;
        double cross = a * d - b * c;
        return total * cross * cross / (nT * (double) nC * successes * failures);
    }

    /** p-value of the 2x2 chi-square test (1 degree of freedom); 1.0 for a degenerate table, empty for an empty arm. */
    public static OptionalDouble chiSquarePValue(long xT, long nT, long xC, long nC) {
        double chi2 = chiSquareStatistic(xT, nT, xC, nC);
        if (Double.isNaN(chi2)) {
            return OptionalDouble.empty();
        }
        // Upper tail of chi-square(1): Q(1/2, x/2), computed directly to keep precision for tiny p-values.
        return OptionalDouble.of(chi2 == 0.0 ? 1.0 : Numbers.clamp01(Gamma.regularizedGammaQ(0.5, chi2 / 2.0)));
    }

    /**
     * Fisher's exact test, two-sided, of the table [[a, b], [c, d]]: the sum of the hypergeometric probabilities (margins
     * fixed) of all tables no more probable than the observed one (relative tolerance 1e-7, as R). Empty when the total
     * exceeds {@code Integer.MAX_VALUE}.
     */
    public static OptionalDouble fisherExactPValue(long a, long b, long c, long d) {
        if (a < 0 || b < 0 || c < 0 || d < 0) {
            throw new IllegalArgumentException("cell counts must be >= 0");
        }
        long total = a + b + c + d;
        if (total == 0) {
            return OptionalDouble.of(1.0);
        }
        if (total > Integer.MAX_VALUE) {
            return OptionalDouble.empty();
        }
        int row1 = (int) (a + b);
        int col1 = (int) (a + c);
        HypergeometricDistribution h = new HypergeometricDistribution(null, (int) total, col1, row1);
        double observed = h.logProbability((int) a);
        double threshold = observed + FISHER_RELATIVE_TOLERANCE; // log(P_obs * (1 + 1e-7)) ~ log P_obs + 1e-7
        double p = 0.0;
        for (int k = h.getSupportLowerBound(); k <= h.getSupportUpperBound(); k++) {
            double logP = h.logProbability(k);
            if (logP <= threshold) {
                p += Math.exp(logP);
            }
        }
        return OptionalDouble.of(Numbers.clamp01(p));
    }

    /** Fisher's exact test for two arms, table [[xT, nT-xT], [xC, nC-xC]]; empty when an arm is empty. */
    public static OptionalDouble fisherExactPValueForArms(long xT, long nT, long xC, long nC) {
        checkCounts(xT, nT);
        checkCounts(xC, nC);
        if (nT == 0 || nC == 0) {
            return OptionalDouble.empty();
        }
        return fisherExactPValue(xT, nT - xT, xC, nC - xC);
    }

    /** True when any expected count {@code row * col / N} of the 2x2 table is below {@link #MIN_EXPECTED_COUNT}. */
    public static boolean needsExactTest(long xT, long nT, long xC, long nC) {
        checkCounts(xT, nT);
        checkCounts(xC, nC);
        double total = nT + nC;
        if (total == 0) {
            return false;
        }
        double successes = xT + xC;
        double failures = total - successes;
        double minRow = Math.min(nT, nC);
        double minCol = Math.min(successes, failures);
        return minRow * minCol / total < MIN_EXPECTED_COUNT;
    }

    /**
     * The 2x2 test of choice: Fisher's exact test when any expected count is below 5, else chi-square (equal to the pooled
     * z-test). The p-value is null when an arm is empty. Tables too large for Fisher fall back to chi-square.
     */
    public static TestResult test(long xT, long nT, long xC, long nC) {
        if (needsExactTest(xT, nT, xC, nC)) {
            OptionalDouble fisher = fisherExactPValueForArms(xT, nT, xC, nC);
            if (fisher.isPresent() || nT == 0 || nC == 0) {
                return new TestResult(TestKind.FISHER_EXACT, Numbers.orNull(fisher));
            }
        }
        return new TestResult(TestKind.CHI_SQUARE, Numbers.orNull(chiSquarePValue(xT, nT, xC, nC)));
    }

    private static void checkCounts(long successes, long n) {
        if (n < 0 || successes < 0 || successes > n) {
            throw new IllegalArgumentException("need 0 <= successes <= n, got " + successes + " of " + n);
        }
    }
}
