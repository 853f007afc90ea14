package dev.cpo.experiment.assignment;

import dev.cpo.experiment.stats.SampleRatio;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How well the assignments match the design's weights.
 *
 * <ul>
 * <li>Share: per arm, the overall share {@code count / total} against the target {@code weight / sum(weights)}; flagged
 * when they differ by more than {@value #SHARE_TOLERANCE} <em>absolute</em> (5 percentage points: a 25% target is
 * flagged below 20% or above 30%, not relative to the target).</li>
 * <li>Minimum: per stratum, whether every arm has at least {@value #MIN_PER_ARM} customers.</li>
 * <li>Sample ratio mismatch (SRM): a chi-square goodness of fit of the counts to the weights, {@code df = arms - 1},
 * overall and per stratum; flagged when {@code p < }{@value #SRM_ALPHA}. With fewer than about 5 expected per arm the
 * chi-square approximation is rough; the minimum flag shows such strata.</li>
 * </ul>
 * With no customers (overall or in a stratum) nothing is flagged, shares are 0 and the p-value is 1.
 *
 * @param total customers overall
 * @param arms per arm, in design order
 * @param strata per stratum, sorted by stratum
 * @param chiSquare the overall statistic
 * @param degreesOfFreedom arms - 1
 * @param pValue the overall SRM p-value
 * @param sampleRatioMismatch whether {@code pValue < SRM_ALPHA}
 */
public record BalanceReport(long total, List<ArmShare> arms, List<StratumBalance> strata, double chiSquare,
        int degreesOfFreedom, double pValue, boolean sampleRatioMismatch) {

    /** Absolute tolerance of an arm's share around its target: 0.05 = 5 percentage points. */
    public static final double SHARE_TOLERANCE = 0.05;
    /** Customers every arm needs in every stratum. */
    public static final int MIN_PER_ARM = 5;
    /** SRM is flagged below this p-value. */
    public static final double SRM_ALPHA = 0.001;

    /** Copies the lists. */
    public BalanceReport {
        arms = List.copyOf(arms);
        strata = List.copyOf(strata);
    }

    /**
     * One arm's overall share.
     *
     * @param arm the arm's name
     * @param count its customers
     * @param share {@code count / total} (0 when there are none)
     * @param targetShare {@code weight / sum(weights)}
     * @param deviation {@code share - targetShare}
     * @param offTarget whether {@code |deviation| > SHARE_TOLERANCE} (false when there are no customers)
     */
    public record ArmShare(String arm, long count, double share, double targetShare, double deviation,
            boolean offTarget) {
    }

    /**
     * One stratum's balance.
     *
     * @param stratum the stratum (segment id)
     * @param counts customers per arm name, in design order (0 for an arm without customers)
     * @param total customers in the stratum
     * @param armsBelowMinimum the arms with fewer than {@value BalanceReport#MIN_PER_ARM} customers, in design order
     * @param chiSquare the stratum's statistic
     * @param pValue the stratum's SRM p-value
     * @param sampleRatioMismatch whether {@code pValue < SRM_ALPHA}
     */
    public record StratumBalance(String stratum, Map<String, Long> counts, long total, List<String> armsBelowMinimum,
            double chiSquare, double pValue, boolean sampleRatioMismatch) {

        /** Copies the collections, keeping the order of counts. */
        public StratumBalance {
            counts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(counts));
            armsBelowMinimum = List.copyOf(armsBelowMinimum);
        }

        /**
         * @return whether every arm has at least {@value BalanceReport#MIN_PER_ARM} customers
         */
        public boolean everyArmHasMinimum() {
            return armsBelowMinimum.isEmpty();
        }
    }

    /**
     * @param design the design (arms and weights)
     * @param counts customers per stratum, then per arm name; a missing arm counts 0
     * @return the report
     * @throws IllegalArgumentException for an arm the design does not have or a negative count
     */
    public static BalanceReport of(ExperimentDesign design, Map<String, Map<String, Long>> counts) {
        Objects.requireNonNull(design, "design");
        Objects.requireNonNull(counts, "counts");
        List<Arm> designArms = design.arms();
        double[] weights = new double[designArms.size()];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = designArms.get(i).weight();
        }
        int df = designArms.size() - 1;
        long[] overall = new long[designArms.size()];
        List<StratumBalance> strata = new ArrayList<>();
        for (Map.Entry<String, Map<String, Long>> entry : new TreeMap<>(counts).entrySet()) {
            long[] observed = observed(design, entry.getKey(), entry.getValue());
            Map<String, Long> byArm = new LinkedHashMap<>();
            List<String> below = new ArrayList<>();
            long total = 0;
            for (int i = 0; i < observed.length; i++) {
                String name = designArms.get(i).name();
                byArm.put(name, observed[i]);
                if (observed[i] < MIN_PER_ARM) {
                    below.add(name);
                }
                total += observed[i];
                overall[i] += observed[i];
            }
            double[] test = sampleRatio(observed, weights);
            double chi = test[0];
            double p = test[1];
            strata.add(new StratumBalance(entry.getKey(), byArm, total, below, chi, p, p < SRM_ALPHA));
        }
        long total = 0;
        for (long c : overall) {
            total += c;
        }
        List<ArmShare> shares = new ArrayList<>();
        for (int i = 0; i < overall.length; i++) {
            double target = design.targetShare(designArms.get(i));
            double share = total == 0 ? 0 : (double) overall[i] / total;
            double deviation = share - target;
            shares.add(new ArmShare(designArms.get(i).name(), overall[i], share, target, deviation,
                    total > 0 && Math.abs(deviation) > SHARE_TOLERANCE));
        }
        double[] test = sampleRatio(overall, weights);
        double chi = test[0];
        double p = test[1];
        return new BalanceReport(total, shares, strata, chi, df, p, p < SRM_ALPHA);
    }

    /** @return {chi-square, p-value} of the counts against the weights; {0, 1} when there are none */
    private static double[] sampleRatio(long[] observed, double[] weights) {
        SampleRatio.SrmResult srm = SampleRatio.test(observed, weights, SRM_ALPHA);
        return srm.pValue() == null ? new double[]{0, 1} : new double[]{srm.chiSquare(), srm.pValue()};
    }

    /**
     * @return whether any arm's share is off target by more than the tolerance
     */
    public boolean anyShareOffTarget() {
        return arms.stream().anyMatch(ArmShare::offTarget);
    }

    /**
     * @return whether any stratum has an arm below the minimum
     */
    public boolean anyStratumBelowMinimum() {
        return strata.stream().anyMatch(s -> !s.everyArmHasMinimum());
    }

    /**
     * @return whether any stratum shows a sample ratio mismatch
     */
    public boolean anyStratumMismatch() {
        return strata.stream().anyMatch(StratumBalance::sampleRatioMismatch);
    }

    /**
     * @param stratum a stratum
     * @return its balance
     * @throws IllegalArgumentException if the report has no such stratum
     */
    public StratumBalance stratum(String stratum) {
        return strata.stream().filter(s -> s.stratum().equals(stratum)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no stratum '" + stratum + "'"));
    }

    /**
     * @param arm an arm's name
     * @return its share
     * @throws IllegalArgumentException if the report has no such arm
     */
    public ArmShare arm(String arm) {
        return arms.stream().filter(a -> a.arm().equals(arm)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no arm '" + arm + "'"));
    }

    private static long[] observed(ExperimentDesign design, String stratum, Map<String, Long> byArm) {
        long[] observed = new long[design.arms().size()];
        if (byArm == null) {
            return observed;
        }
        for (Map.Entry<String, Long> e : byArm.entrySet()) {
            int index = design.arms().indexOf(design.arm(e.getKey()));
            long value = e.getValue() == null ? 0 : e.getValue();
            if (value < 0) {
                throw new IllegalArgumentException("stratum '" + stratum + "', arm '" + e.getKey()
                        + "': count must be non-negative");
            }
            observed[index] = value;
        }
        return observed;
    }
}
