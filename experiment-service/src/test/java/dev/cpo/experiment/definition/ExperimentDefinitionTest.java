package dev.cpo.experiment.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cpo.experiment.assignment.AllocationStrategy;
import dev.cpo.experiment.assignment.Arm;
import dev.cpo.experiment.assignment.ContactPolicy;
import dev.cpo.experiment.assignment.ControlMessage;
import dev.cpo.experiment.assignment.ExperimentDesign;
import dev.cpo.experiment.stats.Metric;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExperimentDefinitionTest {

    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    private static final ControlMessage CONTROL = new ControlMessage("cm", "Subject", "Body");

    private static ExperimentDefinition definition(String id, Instant start, Instant stop) {
        return new ExperimentDefinition(ExperimentDesign.defaultDesign(id, 1L, AllocationStrategy.PERMUTED_BLOCKS),
                null, ExperimentSource.LIVE, CONTROL, EnumSet.allOf(Metric.class), Metric.CONVERSION, 0.05, 0.8,
                0.15, 0.01, start, stop, ContactPolicy.defaults());
    }

    private static Instant day(int n) {
        return T0.plusSeconds(86_400L * n);
    }

    @Test
    void statusStartIsInclusiveAndStopExclusive() {
        ExperimentDefinition d = definition("e", day(0), day(10));
        assertThat(d.statusAt(day(0).minusNanos(1))).isEqualTo(ExperimentStatus.SCHEDULED);
        assertThat(d.statusAt(day(0))).isEqualTo(ExperimentStatus.RUNNING);
        assertThat(d.statusAt(day(10).minusNanos(1))).isEqualTo(ExperimentStatus.RUNNING);
        assertThat(d.statusAt(day(10))).isEqualTo(ExperimentStatus.STOPPED);
        assertThat(d.statusAt(day(1000))).isEqualTo(ExperimentStatus.STOPPED);
    }

    @Test
    void anOpenEndedExperimentNeverStops() {
        ExperimentDefinition d = definition("e", day(0), null);
        assertThat(d.statusAt(day(-1))).isEqualTo(ExperimentStatus.SCHEDULED);
        assertThat(d.statusAt(day(0))).isEqualTo(ExperimentStatus.RUNNING);
        assertThat(d.statusAt(Instant.parse("9999-01-01T00:00:00Z"))).isEqualTo(ExperimentStatus.RUNNING);
    }

    @Test
    void boundedWindowsOverlapOnlyWhenTheyShareAnInstant() {
        ExperimentDefinition a = definition("a", day(0), day(10));
        // [10, 20) touches [0, 10) at 10, which is not in [0, 10): no overlap.
        assertOverlap(a, definition("b", day(10), day(20)), false);
        assertOverlap(a, definition("b", day(-5), day(0)), false);
        assertOverlap(a, definition("b", day(9), day(20)), true);
        assertOverlap(a, definition("b", day(-5), day(1)), true);
        assertOverlap(a, definition("b", day(2), day(3)), true);
        assertOverlap(a, definition("b", day(-5), day(20)), true);
        assertOverlap(a, definition("b", day(0), day(10)), true);
        assertOverlap(a, definition("b", day(20), day(30)), false);
    }

    @Test
    void openEndedWindowsNeverEnd() {
        ExperimentDefinition open = definition("a", day(0), null);
        assertOverlap(open, definition("b", day(100), day(200)), true);
        assertOverlap(open, definition("b", day(100), null), true);
        assertOverlap(open, definition("b", day(-10), day(0)), false);
        assertOverlap(open, definition("b", day(-10), day(0).plusNanos(1)), true);
        assertOverlap(open, definition("b", day(-10), null), true);
    }

    private static void assertOverlap(ExperimentDefinition a, ExperimentDefinition b, boolean expected) {
        assertThat(a.overlaps(b)).as("%s-%s vs %s-%s", a.startAt(), a.stopAt(), b.startAt(), b.stopAt())
                .isEqualTo(expected);
        assertThat(b.overlaps(a)).as("symmetric").isEqualTo(expected);
    }

    @Test
    void stoppedAtSetsTheStopButNeverBeforeTheStart() {
        ExperimentDefinition d = definition("e", day(0), null);
        ExperimentDefinition stopped = d.stoppedAt(day(3));
        assertThat(stopped.stopAt()).isEqualTo(day(3));
        assertThat(stopped.statusAt(day(3))).isEqualTo(ExperimentStatus.STOPPED);
        assertThat(stopped).isEqualTo(definition("e", day(0), day(3)));

        assertThat(d.stoppedAt(day(-1)).stopAt()).isEqualTo(day(0).plusNanos(1));
        assertThat(d.stoppedAt(day(0)).stopAt()).isEqualTo(day(0).plusNanos(1));
        assertThat(d.stoppedAt(day(-1)).statusAt(day(0).plusNanos(1))).isEqualTo(ExperimentStatus.STOPPED);
        assertThat(d.stopAt()).as("unchanged").isNull();
    }

    @Test
    void nameDefaultsToTheIdAndMetricsAreCopied() {
        Set<Metric> metrics = EnumSet.of(Metric.OPEN, Metric.CONVERSION);
        ExperimentDefinition d = new ExperimentDefinition(
                ExperimentDesign.defaultDesign("e-1", 1L, AllocationStrategy.SALTED_HASH), "  ",
                ExperimentSource.LIVE, CONTROL, metrics, Metric.CONVERSION, 0.5, 0.99, 10, 0.5, T0, null,
                ContactPolicy.defaults());
        metrics.add(Metric.REVENUE);
        assertThat(d.name()).isEqualTo("e-1");
        assertThat(d.metrics()).containsExactlyInAnyOrder(Metric.OPEN, Metric.CONVERSION);
        assertThat(d.metricList()).containsExactly(Metric.OPEN, Metric.CONVERSION);
    }

    @Test
    void requiredPartsAreNamed() {
        ExperimentDesign design = ExperimentDesign.defaultDesign("e", 1L, AllocationStrategy.PERMUTED_BLOCKS);
        Set<Metric> all = EnumSet.allOf(Metric.class);
        assertThatThrownBy(() -> new ExperimentDefinition(design, null, null, CONTROL, all, Metric.CONVERSION, 0.05,
                0.8, 0.15, 0.01, T0, null, ContactPolicy.defaults())).hasMessageContaining("source");
        assertThatThrownBy(() -> new ExperimentDefinition(design, null, ExperimentSource.LIVE, null, all,
                Metric.CONVERSION, 0.05, 0.8, 0.15, 0.01, T0, null, ContactPolicy.defaults()))
                .hasMessageContaining("controlMessage");
        assertThatThrownBy(() -> new ExperimentDefinition(design, null, ExperimentSource.LIVE, CONTROL, Set.of(),
                Metric.CONVERSION, 0.05, 0.8, 0.15, 0.01, T0, null, ContactPolicy.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("metrics");
        assertThatThrownBy(() -> new ExperimentDefinition(design, null, ExperimentSource.LIVE, CONTROL, all, null,
                0.05, 0.8, 0.15, 0.01, T0, null, ContactPolicy.defaults())).hasMessageContaining("primaryMetric");
        assertThatThrownBy(() -> new ExperimentDefinition(design, null, ExperimentSource.LIVE, CONTROL, all,
                Metric.CONVERSION, 0.05, 0.8, 0.15, 0.01, null, null, ContactPolicy.defaults()))
                .hasMessageContaining("startAt");
        assertThatThrownBy(() -> new ExperimentDefinition(design, null, ExperimentSource.LIVE, CONTROL, all,
                Metric.CONVERSION, 0.05, 0.8, 0.15, 0.01, T0, null, null)).hasMessageContaining("contactPolicy");
        assertThatThrownBy(() -> new ExperimentDefinition(design, null, ExperimentSource.LIVE, CONTROL, all,
                Metric.CONVERSION, Double.NaN, 0.8, 0.15, 0.01, T0, null, ContactPolicy.defaults()))
                .hasMessageContaining("alpha");
        assertThatThrownBy(() -> new ExperimentDefinition(design, null, ExperimentSource.LIVE, CONTROL, all,
                Metric.CONVERSION, 0.05, 0.8, 0.15, Double.NaN, T0, null, ContactPolicy.defaults()))
                .hasMessageContaining("baselineRate");
        ExperimentDesign untoned = new ExperimentDesign("e",
                List.of(Arm.control("control", 1), Arm.untonedTreatment("b", 1)), 1L, AllocationStrategy.SALTED_HASH);
        assertThatThrownBy(() -> new ExperimentDefinition(untoned, null, ExperimentSource.LIVE, CONTROL, all,
                Metric.CONVERSION, 0.05, 0.8, 0.15, 0.01, T0, null, ContactPolicy.defaults()))
                .hasMessageContaining("'b'").hasMessageContaining("tone");
    }
}
