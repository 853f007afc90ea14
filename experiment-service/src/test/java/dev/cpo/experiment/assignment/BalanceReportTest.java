package dev.cpo.experiment.assignment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BalanceReportTest {

    private final ExperimentDesign design = ExperimentDesign.defaultDesign("exp-1", 1,
            AllocationStrategy.PERMUTED_BLOCKS);

    @Test
    void balancedCountsAreNotFlagged() {
        BalanceReport report = BalanceReport.of(design, Map.of(
                "seg-a", counts(500, 502, 498, 500),
                "seg-b", counts(500, 498, 502, 500)));

        assertThat(report.total()).isEqualTo(4000);
        assertThat(report.sampleRatioMismatch()).isFalse();
        assertThat(report.pValue()).isGreaterThan(0.9);
        assertThat(report.degreesOfFreedom()).isEqualTo(3);
        assertThat(report.anyShareOffTarget()).isFalse();
        assertThat(report.anyStratumBelowMinimum()).isFalse();
        assertThat(report.anyStratumMismatch()).isFalse();
        assertThat(report.arm("control").share()).isEqualTo(0.25);
        assertThat(report.arm("control").targetShare()).isEqualTo(0.25);
        assertThat(report.stratum("seg-a").everyArmHasMinimum()).isTrue();
        assertThat(report.stratum("seg-a").counts()).containsExactly(Map.entry("control", 500L),
                Map.entry("urgent", 502L), Map.entry("informational", 498L), Map.entry("friendly", 500L));
    }

    @Test
    void sampleRatioMismatchFlagged() {
        BalanceReport report = BalanceReport.of(design, Map.of("seg-a", counts(1000, 1000, 1000, 1400)));

        assertThat(report.chiSquare()).isCloseTo(120000.0 / 1100, within(1e-9));
        assertThat(report.pValue()).isLessThan(BalanceReport.SRM_ALPHA);
        assertThat(report.sampleRatioMismatch()).isTrue();
        assertThat(report.stratum("seg-a").sampleRatioMismatch()).isTrue();
        assertThat(report.anyStratumMismatch()).isTrue();
        // 1400 / 4400 = 31.8%: more than 5 points above 25%
        assertThat(report.arm("friendly").offTarget()).isTrue();
        assertThat(report.arm("control").offTarget()).isFalse(); // 22.7%
    }

    @Test
    void mismatchInOneStratumOnly() {
        BalanceReport report = BalanceReport.of(design, Map.of(
                "seg-a", counts(100, 100, 100, 160),
                "seg-b", counts(100, 100, 100, 40)));

        assertThat(report.sampleRatioMismatch()).isFalse();
        assertThat(report.stratum("seg-a").sampleRatioMismatch()).isTrue();
        assertThat(report.stratum("seg-b").sampleRatioMismatch()).isTrue();
    }

    @Test
    void armBelowFiveInAStratumFlagged() {
        BalanceReport report = BalanceReport.of(design, Map.of(
                "seg-a", counts(100, 100, 100, 100),
                "seg-small", counts(5, 3, 6, 5)));

        assertThat(report.stratum("seg-small").everyArmHasMinimum()).isFalse();
        assertThat(report.stratum("seg-small").armsBelowMinimum()).containsExactly("urgent");
        assertThat(report.stratum("seg-a").everyArmHasMinimum()).isTrue();
        assertThat(report.anyStratumBelowMinimum()).isTrue();
    }

    @Test
    void missingArmCountsZero() {
        Map<String, Long> partial = new LinkedHashMap<>();
        partial.put("control", 10L);
        BalanceReport report = BalanceReport.of(design, Map.of("seg-a", partial));
        assertThat(report.stratum("seg-a").counts()).containsEntry("urgent", 0L);
        assertThat(report.stratum("seg-a").armsBelowMinimum()).containsExactly("urgent", "informational",
                "friendly");
    }

    @Test
    void shareToleranceIsFivePercentagePointsAbsolute() {
        // control 29.9% (+4.9 points): not flagged; 30.1% (+5.1 points): flagged
        BalanceReport inside = BalanceReport.of(design, Map.of("s", counts(299, 234, 234, 233)));
        assertThat(inside.arm("control").deviation()).isCloseTo(0.049, within(1e-12));
        assertThat(inside.arm("control").offTarget()).isFalse();

        BalanceReport outside = BalanceReport.of(design, Map.of("s", counts(301, 233, 233, 233)));
        assertThat(outside.arm("control").deviation()).isCloseTo(0.051, within(1e-12));
        assertThat(outside.arm("control").offTarget()).isTrue();
        assertThat(outside.anyShareOffTarget()).isTrue();

        BalanceReport below = BalanceReport.of(design, Map.of("s", counts(199, 267, 267, 267)));
        assertThat(below.arm("control").offTarget()).isTrue();
    }

    @Test
    void unequalWeightsUseTheirTargets() {
        ExperimentDesign unequal = new ExperimentDesign("e", java.util.List.of(Arm.control("control", 2),
                Arm.treatment("urgent", dev.cpo.events.Tone.URGENT, 1),
                Arm.treatment("friendly", dev.cpo.events.Tone.FRIENDLY, 1)), 1, AllocationStrategy.SALTED_HASH);
        BalanceReport report = BalanceReport.of(unequal,
                Map.of("s", Map.of("control", 500L, "urgent", 250L, "friendly", 250L)));
        assertThat(report.arm("control").targetShare()).isEqualTo(0.5);
        assertThat(report.chiSquare()).isZero();
        assertThat(report.pValue()).isEqualTo(1.0);
        assertThat(report.anyShareOffTarget()).isFalse();
        assertThat(report.degreesOfFreedom()).isEqualTo(2);
    }

    @Test
    void emptyCountsFlagNothing() {
        BalanceReport report = BalanceReport.of(design, Map.of());
        assertThat(report.total()).isZero();
        assertThat(report.pValue()).isEqualTo(1.0);
        assertThat(report.sampleRatioMismatch()).isFalse();
        assertThat(report.anyShareOffTarget()).isFalse();
    }

    @Test
    void unknownArmRejected() {
        assertThatThrownBy(() -> BalanceReport.of(design, Map.of("s", Map.of("nope", 1L))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no arm 'nope'");
    }

    private static Map<String, Long> counts(long control, long urgent, long informational, long friendly) {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("control", control);
        counts.put("urgent", urgent);
        counts.put("informational", informational);
        counts.put("friendly", friendly);
        return counts;
    }
}
