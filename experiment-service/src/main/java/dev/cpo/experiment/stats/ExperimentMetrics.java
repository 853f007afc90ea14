package dev.cpo.experiment.stats;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The experiment calculator: from each arm's {@link ArmAggregate} it computes per-arm rates with Wilson intervals, every
 * treatment-vs-control comparison for the chosen metrics, Holm and Benjamini–Hochberg adjustments across all treatments ×
 * metrics, the sample-ratio-mismatch check and the best arm. Output records contain no NaN / infinity (undefined ->
 * null) and are safe to serialise to JSON.
 *
 * <p>Per comparison: binary metrics use the 2x2 test of {@link ProportionStats#test} (chi-square, or Fisher's exact test
 * when any expected count is below 5; the test used is named) and also report the pooled z-test p; revenue uses Welch's
 * t-test. The p-value of the named test is the one adjusted; a comparison is significant when its Holm-adjusted p-value
 * is below alpha. Undefined p-values (empty arms) are left out of the adjustment family.
 */
public final class ExperimentMetrics {

    private final double alpha;
    private final Set<Metric> metrics;
    private final Metric bestArmMetric;

    /** All four metrics, best arm by conversion rate. */
    public ExperimentMetrics(double alpha) {
        this(alpha, EnumSet.allOf(Metric.class), Metric.CONVERSION);
    }

    public ExperimentMetrics(double alpha, Set<Metric> metrics, Metric bestArmMetric) {
        Numbers.checkAlpha(alpha);
        if (metrics.isEmpty()) {
            throw new IllegalArgumentException("at least one metric");
        }
        this.alpha = alpha;
        this.metrics = Collections.unmodifiableSet(EnumSet.copyOf(metrics));
        this.bestArmMetric = Objects.requireNonNull(bestArmMetric);
    }

    /** An input arm. Exactly one arm of an analysis must be the control. */
    public record Arm(String name, boolean control, ArmAggregate aggregate) {
        public Arm {
            Objects.requireNonNull(name);
            Objects.requireNonNull(aggregate);
        }
    }

    /** Per-arm descriptive statistics; rates carry Wilson intervals, revenue stats are per assigned customer. */
    public record ArmSummary(
            String name,
            boolean control,
            long n,
            long opens,
            long clicks,
            long conversions,
            double revenue,
            Estimate openRate,
            Estimate clickRate,
            Estimate conversionRate,
            Double revenuePerCustomer,
            Double revenueStdDev) {
    }

    /**
     * One treatment vs the control on one metric. {@code difference} is treatment - control with its interval (Wald for rates,
     * Welch for revenue); {@code relativeLift} is treatment / control - 1 with a log-scale delta-method interval; {@code
     * zTestPValue} is only set for rates; {@code pValue} is from {@code test}.
     */
    public record Comparison(
            String treatment,
            String control,
            Metric metric,
            Double treatmentValue,
            Double controlValue,
            Estimate difference,
            Estimate relativeLift,
            TestKind test,
            Double pValue,
            Double zTestPValue,
            Double holmAdjustedPValue,
            Double bhAdjustedPValue,
            boolean significant) {
    }

    /**
     * The full analysis. {@code srm} is null when fewer than 2 arms; {@code bestArm} is the arm with the highest point value of
     * {@code bestArmMetric} among arms with n &gt; 0 (ties: first in input order; null when none), and {@code
     * bestArmSignificant} tells whether it is a treatment significantly better than the control on that metric.
     */
    public record Report(
            double alpha,
            List<ArmSummary> arms,
            List<Comparison> comparisons,
            SampleRatio.SrmResult srm,
            Metric bestArmMetric,
            String bestArm,
            boolean bestArmSignificant) {
    }

    /** One segment's analysis; adjustments are within the segment only. */
    public record SegmentReport(String segment, Report report) {
    }

    /** Analyses with equal target weights. */
    public Report analyze(List<Arm> arms) {
        return analyze(arms, null);
    }

    /**
     * @param arms the arms, exactly one of them the control, names unique
     * @param targetWeights target allocation weight by arm name for the SRM check; null means equal weights
     */
    public Report analyze(List<Arm> arms, Map<String, Double> targetWeights) {
        Arm control = validate(arms);

        List<ArmSummary> summaries = new ArrayList<>();
        for (Arm arm : arms) {
            summaries.add(summarize(arm));
        }

        List<Comparison> raw = new ArrayList<>();
        for (Arm arm : arms) {
            if (arm.control()) {
                continue;
            }
            for (Metric metric : metrics) {
                raw.add(compare(arm, control, metric));
            }
        }
        List<Double> pValues = new ArrayList<>();
        for (Comparison c : raw) {
            pValues.add(c.pValue());
        }
        List<Double> holm = MultipleTesting.holm(pValues);
        List<Double> bh = MultipleTesting.benjaminiHochberg(pValues);
        List<Comparison> comparisons = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            Comparison c = raw.get(i);
            Double h = holm.get(i);
            comparisons.add(new Comparison(
                    c.treatment(), c.control(), c.metric(), c.treatmentValue(), c.controlValue(), c.difference(),
                    c.relativeLift(), c.test(), c.pValue(), c.zTestPValue(), h, bh.get(i), h != null && h < alpha));
        }

        SampleRatio.SrmResult srm = arms.size() < 2 ? null : srm(arms, targetWeights);

        String best = bestArm(arms);
        boolean bestSignificant = false;
        for (Comparison c : comparisons) {
            if (c.treatment().equals(best) && c.metric() == bestArmMetric && c.significant()
                    && c.difference().value() != null && c.difference().value() > 0) {
                bestSignificant = true;
            }
        }
        return new Report(alpha, List.copyOf(summaries), List.copyOf(comparisons), srm, bestArmMetric, best,
                bestSignificant);
    }

    /**
     * Per-segment breakdown: the same analysis for each segment's arm aggregates (insertion order of the map kept), each
     * with its own best arm.
     */
    public List<SegmentReport> analyzeSegments(Map<String, List<Arm>> armsBySegment,
            Map<String, Double> targetWeights) {
        List<SegmentReport> out = new ArrayList<>();
        for (Map.Entry<String, List<Arm>> e : armsBySegment.entrySet()) {
            out.add(new SegmentReport(e.getKey(), analyze(e.getValue(), targetWeights)));
        }
        return List.copyOf(out);
    }

    /** Best arm per segment (null value when a segment has no arm with n &gt; 0), in the map's order. */
    public Map<String, String> bestArmBySegment(Map<String, List<Arm>> armsBySegment) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<Arm>> e : armsBySegment.entrySet()) {
            out.put(e.getKey(), bestArm(e.getValue()));
        }
        return Collections.unmodifiableMap(out);
    }

    /** The arm with the highest point value of the best-arm metric among arms with n &gt; 0; null if none. */
    public String bestArm(List<Arm> arms) {
        String best = null;
        double bestValue = Double.NEGATIVE_INFINITY;
        for (Arm arm : arms) {
            if (arm.aggregate().n() == 0) {
                continue;
            }
            double v = arm.aggregate().value(bestArmMetric);
            if (best == null || v > bestValue) {
                best = arm.name();
                bestValue = v;
            }
        }
        return best;
    }

    private ArmSummary summarize(Arm arm) {
        ArmAggregate a = arm.aggregate();
        double variance = a.revenueVariance();
        return new ArmSummary(
                arm.name(), arm.control(), a.n(), a.opens(), a.clicks(), a.conversions(), a.revenueSum(),
                ProportionStats.wilson(a.opens(), a.n(), alpha),
                ProportionStats.wilson(a.clicks(), a.n(), alpha),
                ProportionStats.wilson(a.conversions(), a.n(), alpha),
                Numbers.orNull(a.revenueMean()),
                Numbers.orNull(Math.sqrt(variance)));
    }

    private Comparison compare(Arm treatment, Arm control, Metric metric) {
        ArmAggregate t = treatment.aggregate();
        ArmAggregate c = control.aggregate();
        if (metric.isProportion()) {
            long xT = t.count(metric);
            long xC = c.count(metric);
            ProportionStats.TestResult test = ProportionStats.test(xT, t.n(), xC, c.n());
            return new Comparison(
                    treatment.name(), control.name(), metric,
                    Numbers.orNull(t.rate(metric)), Numbers.orNull(c.rate(metric)),
                    ProportionStats.difference(xT, t.n(), xC, c.n(), alpha),
                    ProportionStats.relativeLift(xT, t.n(), xC, c.n(), alpha),
                    test.test(), test.pValue(),
                    Numbers.orNull(ProportionStats.zTestPValue(xT, t.n(), xC, c.n())),
                    null, null, false);
        }
        MeanStats.WelchResult welch = MeanStats.welch(t, c, alpha);
        return new Comparison(
                treatment.name(), control.name(), metric,
                welch.meanTreatment(), welch.meanControl(), welch.difference(),
                MeanStats.relativeLift(t, c, alpha),
                TestKind.WELCH_T, welch.pValue(), null, null, null, false);
    }

    private static SampleRatio.SrmResult srm(List<Arm> arms, Map<String, Double> targetWeights) {
        long[] observed = new long[arms.size()];
        double[] weights = new double[arms.size()];
        for (int i = 0; i < arms.size(); i++) {
            Arm arm = arms.get(i);
            observed[i] = arm.aggregate().n();
            if (targetWeights == null) {
                weights[i] = 1.0;
            } else {
                Double w = targetWeights.get(arm.name());
                if (w == null) {
                    throw new IllegalArgumentException("no target weight for arm " + arm.name());
                }
                weights[i] = w;
            }
        }
        return SampleRatio.test(observed, weights);
    }

    private static Arm validate(List<Arm> arms) {
        if (arms == null || arms.isEmpty()) {
            throw new IllegalArgumentException("no arms");
        }
        Arm control = null;
        Set<String> names = new java.util.HashSet<>();
        for (Arm arm : arms) {
            if (!names.add(arm.name())) {
                throw new IllegalArgumentException("duplicate arm name " + arm.name());
            }
            if (arm.control()) {
                if (control != null) {
                    throw new IllegalArgumentException("more than one control arm");
                }
                control = arm;
            }
        }
        if (control == null) {
            throw new IllegalArgumentException("no control arm");
        }
        return control;
    }
}
