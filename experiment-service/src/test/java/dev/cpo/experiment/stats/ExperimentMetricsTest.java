package dev.cpo.experiment.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.cpo.experiment.stats.ExperimentMetrics.Arm;
import dev.cpo.experiment.stats.ExperimentMetrics.Comparison;
import dev.cpo.experiment.stats.ExperimentMetrics.Report;
import org.junit.jupiter.api.Test;

class ExperimentMetricsTest {

    private final ExperimentMetrics calc = new ExperimentMetrics(0.05);

    private static ArmAggregate arm(long n, long opens, long clicks, long conversions, double revenueEach) {
        return ArmAggregate.of(n, opens, clicks, conversions, conversions * revenueEach,
                conversions * revenueEach * revenueEach);
    }

    private static Comparison find(Report r, String treatment, Metric metric) {
        return r.comparisons().stream()
                .filter(c -> c.treatment().equals(treatment) && c.metric() == metric)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void twoArmsAllMetrics() {
        List<Arm> arms = List.of(
                new Arm("control", true, arm(1000, 400, 100, 200, 50.0)),
                new Arm("b", false, arm(1000, 420, 130, 250, 50.0)));
        Report r = calc.analyze(arms, Map.of("control", 0.5, "b", 0.5));

        assertThat(r.arms()).hasSize(2);
        assertThat(r.arms().get(1).conversionRate().value()).isEqualTo(0.25);
        assertThat(r.arms().get(0).revenuePerCustomer()).isEqualTo(10.0);
        assertThat(r.comparisons()).hasSize(4);

        Comparison conv = find(r, "b", Metric.CONVERSION);
        assertThat(conv.control()).isEqualTo("control");
        assertThat(conv.test()).isEqualTo(TestKind.CHI_SQUARE);
        // hand values from ProportionStatsTest: p = 0.0074196, diff 0.05 [0.01346, 0.08654], lift 0.25 [0.06095, 0.47274]
        assertThat(conv.pValue()).isCloseTo(0.0074196, within(1e-6));
        assertThat(conv.zTestPValue()).isCloseTo(conv.pValue(), within(1e-12));
        assertThat(conv.difference().lower()).isCloseTo(0.0134636, within(1e-6));
        assertThat(conv.relativeLift().upper()).isCloseTo(0.4727419, within(1e-6));

        Comparison revenue = find(r, "b", Metric.REVENUE);
        assertThat(revenue.test()).isEqualTo(TestKind.WELCH_T);
        assertThat(revenue.zTestPValue()).isNull();
        assertThat(revenue.difference().value()).isCloseTo(2.5, within(1e-9));
        assertThat(revenue.relativeLift().value()).isCloseTo(0.25, within(1e-9));

        // adjustments across the 4 comparisons equal MultipleTesting on the raw p-values, in order
        List<Double> raw = new ArrayList<>();
        r.comparisons().forEach(c -> raw.add(c.pValue()));
        List<Double> holm = MultipleTesting.holm(raw);
        List<Double> bh = MultipleTesting.benjaminiHochberg(raw);
        for (int i = 0; i < raw.size(); i++) {
            Comparison c = r.comparisons().get(i);
            assertThat(c.holmAdjustedPValue()).isEqualTo(holm.get(i));
            assertThat(c.bhAdjustedPValue()).isEqualTo(bh.get(i));
            assertThat(c.significant()).isEqualTo(holm.get(i) < 0.05);
        }
        assertThat(conv.significant()).isTrue();
        assertThat(find(r, "b", Metric.OPEN).significant()).isFalse();

        assertThat(r.srm().mismatch()).isFalse();
        assertThat(r.srm().pValue()).isCloseTo(1.0, within(1e-12));
        assertThat(r.bestArm()).isEqualTo("b");
        assertThat(r.bestArmSignificant()).isTrue();
    }

    @Test
    void smallCountsUseFisherAndZeroControlRateGivesNullLift() {
        List<Arm> arms = List.of(
                new Arm("control", true, arm(20, 10, 0, 0, 0)),
                new Arm("b", false, arm(20, 10, 5, 5, 20.0)));
        Report r = new ExperimentMetrics(0.05, EnumSet.of(Metric.CLICK, Metric.CONVERSION), Metric.CONVERSION)
                .analyze(arms);
        Comparison conv = find(r, "b", Metric.CONVERSION);
        assertThat(conv.test()).isEqualTo(TestKind.FISHER_EXACT);
        assertThat(conv.pValue()).isCloseTo(0.0471240471, within(1e-9)); // scipy fisher_exact([[5,15],[0,20]])
        assertThat(conv.relativeLift()).isEqualTo(Estimate.UNDEFINED);
        // two equal p-values, m = 2: Holm 2 * 0.04712 = 0.09425 -> not significant; BH = 0.04712
        assertThat(conv.holmAdjustedPValue()).isCloseTo(2 * 0.0471240471, within(1e-9));
        assertThat(conv.bhAdjustedPValue()).isCloseTo(0.0471240471, within(1e-9));
        assertThat(conv.significant()).isFalse();
        assertThat(r.bestArm()).isEqualTo("b");
        assertThat(r.bestArmSignificant()).isFalse();
    }

    @Test
    void emptyArmAndZeroConversionsNeverLeakNaN() throws Exception {
        List<Arm> arms = List.of(
                new Arm("control", true, arm(500, 0, 0, 0, 0)),
                new Arm("b", false, arm(500, 0, 0, 0, 0)),
                new Arm("empty", false, new ArmAggregate()));
        Report r = calc.analyze(arms);

        Comparison bConv = find(r, "b", Metric.CONVERSION);
        assertThat(bConv.pValue()).isEqualTo(1.0);
        assertThat(bConv.relativeLift()).isEqualTo(Estimate.UNDEFINED);
        Comparison bRev = find(r, "b", Metric.REVENUE);
        assertThat(bRev.pValue()).isEqualTo(1.0);

        Comparison eConv = find(r, "empty", Metric.CONVERSION);
        assertThat(eConv.pValue()).isNull();
        assertThat(eConv.holmAdjustedPValue()).isNull();
        assertThat(eConv.treatmentValue()).isNull();
        assertThat(eConv.difference()).isEqualTo(Estimate.UNDEFINED);
        assertThat(eConv.significant()).isFalse();
        assertThat(r.arms().get(2).conversionRate()).isEqualTo(Estimate.UNDEFINED);
        assertThat(r.arms().get(2).revenuePerCustomer()).isNull();

        // 500/500/0 with equal weights is a glaring SRM
        assertThat(r.srm().mismatch()).isTrue();
        // ties: first arm with n > 0 wins
        assertThat(r.bestArm()).isEqualTo("control");

        String json = new ObjectMapper().writeValueAsString(r);
        assertThat(json).doesNotContain("NaN").doesNotContain("Infinity");
    }

    @Test
    void fullConversionInBothArms() {
        List<Arm> arms = List.of(
                new Arm("control", true, arm(40, 40, 40, 40, 10.0)),
                new Arm("b", false, arm(60, 60, 60, 60, 10.0)));
        Report r = calc.analyze(arms, Map.of("control", 0.4, "b", 0.6));
        for (Comparison c : r.comparisons()) {
            assertThat(c.pValue()).isEqualTo(1.0);
            assertThat(c.significant()).isFalse();
        }
        assertThat(find(r, "b", Metric.CONVERSION).relativeLift()).isEqualTo(new Estimate(0.0, 0.0, 0.0));
        assertThat(r.arms().get(1).conversionRate().upper()).isEqualTo(1.0);
        assertThat(r.srm().mismatch()).isFalse();
    }

    @Test
    void threeArmsSrmAndBestArmByChosenMetric() {
        List<Arm> arms = List.of(
                new Arm("a", true, arm(1000, 300, 50, 20, 100.0)),
                new Arm("b", false, arm(1000, 350, 60, 30, 50.0)),
                new Arm("c", false, arm(1400, 420, 70, 28, 100.0)));
        Report r = new ExperimentMetrics(0.05, EnumSet.allOf(Metric.class), Metric.REVENUE).analyze(arms);
        assertThat(r.comparisons()).hasSize(8);
        // expected 1133.33 each: chi2 = (133.33^2*2 + 266.67^2)/1133.33 = 94.12 -> flagged
        assertThat(r.srm().chiSquare()).isCloseTo(
                (Math.pow(1000 - 3400.0 / 3, 2) * 2 + Math.pow(1400 - 3400.0 / 3, 2)) / (3400.0 / 3), within(1e-9));
        assertThat(r.srm().mismatch()).isTrue();
        // revenue per customer: a 2.0, b 1.5, c 2.0 -> tie a/c, first (a) wins
        assertThat(r.bestArm()).isEqualTo("a");
        assertThat(new ExperimentMetrics(0.05).bestArm(arms)).isEqualTo("b"); // conversion 3% vs 2%
    }

    @Test
    void perSegmentBreakdown() {
        Map<String, List<Arm>> segments = new LinkedHashMap<>();
        segments.put("young", List.of(
                new Arm("control", true, arm(500, 200, 50, 20, 10)),
                new Arm("b", false, arm(500, 210, 60, 40, 10))));
        segments.put("old", List.of(
                new Arm("control", true, arm(300, 100, 30, 30, 10)),
                new Arm("b", false, arm(300, 90, 20, 15, 10))));
        segments.put("nobody", List.of(
                new Arm("control", true, new ArmAggregate()),
                new Arm("b", false, new ArmAggregate())));

        List<ExperimentMetrics.SegmentReport> reports = calc.analyzeSegments(segments, null);
        assertThat(reports).extracting(ExperimentMetrics.SegmentReport::segment).containsExactly("young", "old",
                "nobody");
        assertThat(reports.get(0).report().bestArm()).isEqualTo("b");
        assertThat(reports.get(1).report().bestArm()).isEqualTo("control");
        assertThat(reports.get(2).report().bestArm()).isNull();
        assertThat(reports.get(2).report().srm().pValue()).isNull();
        // per segment: 20/500 vs 40/500 -> same as a stand-alone analysis of that segment
        assertThat(find(reports.get(0).report(), "b", Metric.CONVERSION).pValue())
                .isEqualTo(ProportionStats.chiSquarePValue(40, 500, 20, 500).getAsDouble());

        Map<String, String> best = calc.bestArmBySegment(segments);
        assertThat(best).containsEntry("young", "b").containsEntry("old", "control").containsEntry("nobody", null);
    }

    @Test
    void rejectsInvalidArmSets() {
        ArmAggregate a = arm(10, 1, 1, 1, 1);
        assertThatThrownBy(() -> calc.analyze(List.of(new Arm("x", false, a), new Arm("y", false, a))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> calc.analyze(List.of(new Arm("x", true, a), new Arm("y", true, a))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> calc.analyze(List.of(new Arm("x", true, a), new Arm("x", false, a))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> calc.analyze(List.of(new Arm("x", true, a), new Arm("y", false, a)), Map.of("x", 1.0)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
