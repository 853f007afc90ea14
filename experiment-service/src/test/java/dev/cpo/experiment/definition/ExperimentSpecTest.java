package dev.cpo.experiment.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cpo.events.ArmKind;
import dev.cpo.events.Tone;
import dev.cpo.experiment.assignment.AllocationStrategy;
import dev.cpo.experiment.assignment.Arm;
import dev.cpo.experiment.assignment.ContactPolicy;
import dev.cpo.experiment.assignment.ControlMessage;
import dev.cpo.experiment.definition.ExperimentSpec.ArmSpec;
import dev.cpo.experiment.definition.ExperimentSpec.ContactPolicySpec;
import dev.cpo.experiment.definition.ExperimentSpec.ControlMessageSpec;
import dev.cpo.experiment.stats.Metric;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class ExperimentSpecTest {

    static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
    static final ExperimentSpec.Defaults DEFAULTS = new ExperimentSpec.Defaults(AllocationStrategy.PERMUTED_BLOCKS,
            20261123L, new ControlMessage("control-v1", "Our news", "The generic body"),
            EnumSet.allOf(Metric.class), Metric.CONVERSION, 0.05, 0.8, 0.15, 0.01, ContactPolicy.defaults());

    /** A spec with only the id; {@code with} changes one field. */
    static ExperimentSpec spec(String id) {
        return new ExperimentSpec(id, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null);
    }

    private static ExperimentSpec with(UnaryOperator<Builder> change) {
        return change.apply(new Builder("exp-1")).build();
    }

    /** Mutable copy of the spec's fields, for one-field variations. */
    static final class Builder {
        String id;
        String name;
        String source;
        List<ArmSpec> arms;
        String strategy;
        Long seed;
        ControlMessageSpec controlMessage;
        List<String> metrics;
        String primaryMetric;
        Double alpha;
        Double power;
        Double mde;
        Double baselineRate;
        Instant startAt;
        Instant stopAt;
        ContactPolicySpec contactPolicy;

        Builder(String id) {
            this.id = id;
        }

        ExperimentSpec build() {
            return new ExperimentSpec(id, name, source, arms, strategy, seed, controlMessage, metrics, primaryMetric,
                    alpha, power, mde, baselineRate, startAt, stopAt, contactPolicy);
        }
    }

    private static ExperimentDefinition define(ExperimentSpec spec) {
        return ExperimentSpec.toDefinition(spec, DEFAULTS, NOW);
    }

    private static void assertRejected(ExperimentSpec spec, String... fragments) {
        assertThatThrownBy(() -> define(spec)).isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).contains(fragments));
    }

    @Test
    void anIdAloneGetsEveryDefault() {
        ExperimentDefinition d = define(spec("tone-test"));

        assertThat(d.id()).isEqualTo("tone-test");
        assertThat(d.name()).isEqualTo("tone-test");
        assertThat(d.source()).isEqualTo(ExperimentSource.LIVE);
        assertThat(d.design().arms()).extracting(Arm::name)
                .containsExactly("control", "urgent", "informational", "friendly");
        assertThat(d.design().arms()).extracting(Arm::weight).containsExactly(1, 1, 1, 1);
        assertThat(d.design().arms()).extracting(Arm::kind)
                .containsExactly(ArmKind.CONTROL, ArmKind.TREATMENT, ArmKind.TREATMENT, ArmKind.TREATMENT);
        assertThat(d.design().arms()).extracting(Arm::tone)
                .containsExactly(null, Tone.URGENT, Tone.INFORMATIONAL, Tone.FRIENDLY);
        assertThat(d.design().strategy()).isEqualTo(AllocationStrategy.PERMUTED_BLOCKS);
        assertThat(d.design().seed()).isEqualTo(20261123L);
        assertThat(d.controlMessage()).isEqualTo(DEFAULTS.controlMessage());
        assertThat(d.metrics()).containsExactlyInAnyOrder(Metric.values());
        assertThat(d.metricList()).containsExactly(Metric.OPEN, Metric.CLICK, Metric.CONVERSION, Metric.REVENUE);
        assertThat(d.primaryMetric()).isEqualTo(Metric.CONVERSION);
        assertThat(d.alpha()).isEqualTo(0.05);
        assertThat(d.power()).isEqualTo(0.8);
        assertThat(d.minimumDetectableEffect()).isEqualTo(0.15);
        assertThat(d.baselineRate()).isEqualTo(0.01);
        assertThat(d.startAt()).isEqualTo(NOW);
        assertThat(d.stopAt()).isNull();
        assertThat(d.contactPolicy()).isEqualTo(ContactPolicy.defaults());
        assertThat(d.targetWeights()).containsExactly(java.util.Map.entry("control", 1.0),
                java.util.Map.entry("urgent", 1.0), java.util.Map.entry("informational", 1.0),
                java.util.Map.entry("friendly", 1.0));
    }

    @Test
    void partialControlMessageAndContactPolicyKeepTheOtherDefaults() {
        ExperimentDefinition d = define(with(b -> {
            b.controlMessage = new ControlMessageSpec(null, "Spring sale", null);
            b.contactPolicy = new ContactPolicySpec(null, 30);
            return b;
        }));
        assertThat(d.controlMessage()).isEqualTo(new ControlMessage("control-v1", "Spring sale", "The generic body"));
        assertThat(d.contactPolicy()).isEqualTo(new ContactPolicy(Duration.ofHours(24), 30));
    }

    @Test
    void withoutAPrimaryMetricTheDefaultIsUsedIfListedElseTheFirstMetric() {
        ExperimentDefinition listed = define(with(b -> {
            b.metrics = List.of("open", "conversion");
            return b;
        }));
        assertThat(listed.primaryMetric()).isEqualTo(Metric.CONVERSION);

        ExperimentDefinition notListed = define(with(b -> {
            b.metrics = List.of("revenue", "click");
            return b;
        }));
        // CLICK comes before REVENUE in the enum order.
        assertThat(notListed.primaryMetric()).isEqualTo(Metric.CLICK);
        assertThat(notListed.metrics()).containsExactlyInAnyOrder(Metric.CLICK, Metric.REVENUE);
    }

    @Test
    void enumValuesAreCaseInsensitive() {
        ExperimentDefinition d = define(with(b -> {
            b.source = "HISTORICAL";
            b.strategy = " Salted_Hash ";
            b.metrics = List.of("Open", "REVENUE");
            b.primaryMetric = "revenue";
            return b;
        }));
        assertThat(d.source()).isEqualTo(ExperimentSource.HISTORICAL);
        assertThat(d.design().strategy()).isEqualTo(AllocationStrategy.SALTED_HASH);
        assertThat(d.primaryMetric()).isEqualTo(Metric.REVENUE);
    }

    @Test
    void eachValidationErrorNamesItsField() {
        assertRejected(with(b -> {
            b.alpha = 0.0;
            return b;
        }), "alpha");
        assertRejected(with(b -> {
            b.alpha = 0.51;
            return b;
        }), "alpha");
        assertRejected(with(b -> {
            b.power = 1.2;
            return b;
        }), "power");
        assertRejected(with(b -> {
            b.power = 0.5;
            return b;
        }), "power");
        assertRejected(with(b -> {
            b.mde = 0.0;
            return b;
        }), "minimumDetectableEffect");
        assertRejected(with(b -> {
            b.mde = 10.5;
            return b;
        }), "minimumDetectableEffect");
        assertRejected(with(b -> {
            b.baselineRate = 1.0;
            return b;
        }), "baselineRate");
        assertRejected(with(b -> {
            b.baselineRate = 0.0;
            return b;
        }), "baselineRate");
        assertRejected(with(b -> {
            b.startAt = NOW;
            b.stopAt = NOW.minusSeconds(1);
            return b;
        }), "stopAt");
        assertRejected(with(b -> {
            b.startAt = NOW;
            b.stopAt = NOW;
            return b;
        }), "stopAt");
        assertRejected(with(b -> {
            b.strategy = "random";
            return b;
        }), "strategy", "permuted_blocks", "salted_hash");
        assertRejected(with(b -> {
            b.metrics = List.of("open", "opens");
            return b;
        }), "metrics", "conversion");
        assertRejected(with(b -> {
            b.primaryMetric = "ctr";
            return b;
        }), "primaryMetric");
        assertRejected(with(b -> {
            b.metrics = List.of("open");
            b.primaryMetric = "conversion";
            return b;
        }), "primaryMetric");
        assertRejected(with(b -> {
            b.source = "synthetic";
            return b;
        }), "source", "live", "historical");
        assertRejected(with(b -> {
            b.arms = List.of(new ArmSpec("control", "control", null, 1), new ArmSpec("t", "treatment", "angry", 1));
            return b;
        }), "arms[1].tone");
        assertRejected(with(b -> {
            b.arms = List.of(new ArmSpec("control", "boss", null, 1), new ArmSpec("t", null, "urgent", 1));
            return b;
        }), "arms[0].kind");
        assertRejected(with(b -> {
            b.arms = List.of(new ArmSpec("control", null, null, 1), new ArmSpec("t", null, "urgent", 0));
            return b;
        }), "arms[1]", "weight");
        assertRejected(with(b -> {
            b.contactPolicy = new ContactPolicySpec(0, null);
            return b;
        }), "contactPolicy.frequencyCapHours");
        assertRejected(spec("x y"), "id");
        assertRejected(spec("-leading-dash"), "id");
        assertRejected(spec("a".repeat(65)), "id");
        assertRejected(spec(null), "id");
        assertThat(define(spec("a".repeat(64))).id()).hasSize(64);
        assertThat(define(spec("Exp_1.v-2")).id()).isEqualTo("Exp_1.v-2");
    }

    @Test
    void baselineRateIsNotCheckedForARevenuePrimaryMetric() {
        ExperimentDefinition d = define(with(b -> {
            b.metrics = List.of("revenue");
            b.primaryMetric = "revenue";
            b.baselineRate = 0.0;
            return b;
        }));
        assertThat(d.primaryMetric()).isEqualTo(Metric.REVENUE);
    }

    @Test
    void anEmptyMetricListIsRejectedNamingMetrics() {
        // "metrics": [] must be an IllegalArgumentException naming the field (it is a client error, HTTP 400).
        assertRejected(with(b -> {
            b.metrics = List.of();
            return b;
        }), "metrics");
    }

    @Test
    void aNullMetricIsRejectedNamingMetrics() {
        // "metrics": [null] (valid JSON) must be an IllegalArgumentException naming the field.
        assertRejected(with(b -> {
            b.metrics = Arrays.asList("open", null);
            return b;
        }), "metrics");
    }

    @Test
    void aLiveTreatmentNeedsAToneAHistoricalOneDoesNot() {
        List<ArmSpec> untoned = List.of(new ArmSpec("control", "control", null, 1),
                new ArmSpec("email-b", "treatment", null, 2));
        assertRejected(with(b -> {
            b.arms = untoned;
            return b;
        }), "email-b", "tone");

        ExperimentDefinition historical = define(with(b -> {
            b.arms = untoned;
            b.source = "historical";
            return b;
        }));
        assertThat(historical.design().arms()).extracting(Arm::tone).containsOnlyNulls();
        assertThat(historical.design().arm("email-b").weight()).isEqualTo(2);
        assertThat(historical.targetWeights()).containsEntry("email-b", 2.0);
    }

    @Test
    void anArmWithoutAKindIsAControlWithoutAToneAndATreatmentWithOne() {
        ExperimentDefinition d = define(with(b -> {
            b.arms = List.of(new ArmSpec("base", null, null, null), new ArmSpec("warm", null, "friendly", 3));
            return b;
        }));
        assertThat(d.design().control().name()).isEqualTo("base");
        assertThat(d.design().control().weight()).isEqualTo(1);
        assertThat(d.design().arm("warm").kind()).isEqualTo(ArmKind.TREATMENT);
        assertThat(d.design().arm("warm").tone()).isEqualTo(Tone.FRIENDLY);
    }

    @Test
    void ofAndToDefinitionRoundTrip() {
        ExperimentDefinition original = define(with(b -> {
            b.name = "Spring tones";
            b.source = "historical";
            b.arms = List.of(new ArmSpec("control", "control", null, 2),
                    new ArmSpec("urgent", "treatment", "urgent", 1),
                    new ArmSpec("imported", "treatment", null, 3));
            b.strategy = "salted_hash";
            b.seed = 42L;
            b.controlMessage = new ControlMessageSpec("cm-2", "Hello", "Body text");
            b.metrics = List.of("conversion", "open", "revenue");
            b.primaryMetric = "open";
            b.alpha = 0.01;
            b.power = 0.9;
            b.mde = 0.2;
            b.baselineRate = 0.2;
            b.startAt = Instant.parse("2026-04-01T08:00:00Z");
            b.stopAt = Instant.parse("2026-05-01T08:00:00Z");
            b.contactPolicy = new ContactPolicySpec(48, 365);
            return b;
        }));

        ExperimentSpec wire = ExperimentSpec.of(original);
        // Every field is set, so neither other defaults nor another "now" change anything.
        ExperimentSpec.Defaults other = new ExperimentSpec.Defaults(AllocationStrategy.PERMUTED_BLOCKS, 7L,
                new ControlMessage("x", "y", "z"), EnumSet.of(Metric.CLICK), Metric.CLICK, 0.1, 0.95, 0.5, 0.5,
                new ContactPolicy(Duration.ofHours(1), null));
        ExperimentDefinition back = ExperimentSpec.toDefinition(wire, other, NOW.plusSeconds(999));

        assertThat(back).isEqualTo(original);
        assertThat(ExperimentSpec.of(back)).isEqualTo(wire);
        assertThat(wire.source()).isEqualTo("historical");
        assertThat(wire.strategy()).isEqualTo("salted_hash");
        assertThat(wire.metrics()).containsExactly("open", "conversion", "revenue");
        assertThat(wire.primaryMetric()).isEqualTo("open");
        assertThat(wire.arms()).containsExactly(new ArmSpec("control", "control", null, 2),
                new ArmSpec("urgent", "treatment", "urgent", 1), new ArmSpec("imported", "treatment", null, 3));
        assertThat(wire.contactPolicy()).isEqualTo(new ContactPolicySpec(48, 365));
    }

    @Test
    void defaultDefinitionRoundTrips() {
        ExperimentDefinition original = define(spec("tone-test"));
        ExperimentSpec wire = ExperimentSpec.of(original);
        assertThat(wire.name()).isEqualTo("tone-test");
        assertThat(wire.stopAt()).isNull();
        assertThat(ExperimentSpec.toDefinition(wire, DEFAULTS, NOW.plusSeconds(60))).isEqualTo(original);
    }

    @Test
    void aNullSpecIsRejected() {
        assertThatThrownBy(() -> ExperimentSpec.toDefinition(null, DEFAULTS, NOW))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
