package dev.cpo.simulator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cpo.simulator.model.Rates;
import dev.cpo.simulator.model.SimulationSettings;
import dev.cpo.simulator.model.UpliftPrior;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The settings as configured: defaults, properties, environment variables, validation. */
class SimulatorConfigTest {

    private static SimulationSettings settings(Map<String, String> properties, Map<String, String> environment) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(SimulatorConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 250))
                .withSources(new EnvConfigSource(environment, 300)).build();
        return SimulatorBeans.settings(config.getConfigMapping(SimulatorConfig.class));
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        SimulationSettings settings = settings(Map.of(), Map.of());
        assertThat(settings).isEqualTo(SimulationSettings.defaults());
        assertThat(settings.seed()).isEqualTo(42);
        assertThat(settings.baseline()).isEqualTo(new Rates(0.25, 0.05, 0.01));
        assertThat(settings.uplift()).isEqualTo(new UpliftPrior(0.15, 0.05, 0.05, 0.30));
        assertThat(settings.noise()).isEqualTo(0.05);
        assertThat(settings.meanOrderValue()).isEqualByComparingTo("60.00");
        assertThat(settings.revenueSigma()).isEqualTo(0.5);
        assertThat(settings.deliveredRate()).isEqualTo(0.98);
        assertThat(settings.maxAssignmentAge()).isEqualTo(Duration.ofDays(7));
        assertThat(settings.experiments()).isEmpty();
        assertThat(settings.segmentBaselines()).isEmpty();
    }

    @Test
    void propertiesSetEveryValueAndASegmentFallsBackToTheBaselineForRatesItLacks() {
        SimulationSettings settings = settings(Map.ofEntries(Map.entry("cpo.simulator.seed", "7"),
                Map.entry("cpo.simulator.baseline.open", "0.3"), Map.entry("cpo.simulator.baseline.click", "0.06"),
                Map.entry("cpo.simulator.baseline.conversion", "0.02"),
                Map.entry("cpo.simulator.segments.\"lapsed-high-value\".open", "0.4"),
                Map.entry("cpo.simulator.uplift.mean", "0.2"), Map.entry("cpo.simulator.uplift.sd", "0.1"),
                Map.entry("cpo.simulator.uplift.min", "0.0"), Map.entry("cpo.simulator.uplift.max", "0.5"),
                Map.entry("cpo.simulator.noise", "0"), Map.entry("cpo.simulator.revenue.mean-order-value", "45.50"),
                Map.entry("cpo.simulator.revenue.sigma", "0.3"), Map.entry("cpo.simulator.delivered-rate", "0.9"),
                Map.entry("cpo.simulator.max-assignment-age", "P30D"),
                Map.entry("cpo.simulator.experiments", "exp-a,exp-b")), Map.of());
        assertThat(settings.seed()).isEqualTo(7);
        assertThat(settings.baseline()).isEqualTo(new Rates(0.3, 0.06, 0.02));
        assertThat(settings.segmentBaselines()).containsExactly(Map.entry("lapsed-high-value",
                new Rates(0.4, 0.06, 0.02)));
        assertThat(settings.uplift()).isEqualTo(new UpliftPrior(0.2, 0.1, 0.0, 0.5));
        assertThat(settings.noise()).isZero();
        assertThat(settings.meanOrderValue()).isEqualTo(new BigDecimal("45.50"));
        assertThat(settings.revenueSigma()).isEqualTo(0.3);
        assertThat(settings.deliveredRate()).isEqualTo(0.9);
        assertThat(settings.maxAssignmentAge()).isEqualTo(Duration.ofDays(30));
        assertThat(settings.experiments()).isEqualTo(Set.of("exp-a", "exp-b"));
    }

    @Test
    void environmentVariablesOverrideProperties() {
        SimulationSettings settings = settings(
                Map.of("cpo.simulator.seed", "7", "cpo.simulator.segments.\"lapsed-high-value\".click", "0.05"),
                Map.of("CPO_SIMULATOR_SEED", "99", "CPO_SIMULATOR_BASELINE_OPEN", "0.35",
                        "CPO_SIMULATOR_REVENUE_MEAN_ORDER_VALUE", "80", "CPO_SIMULATOR_MAX_ASSIGNMENT_AGE", "PT12H",
                        "CPO_SIMULATOR_EXPERIMENTS", "exp-live",
                        "CPO_SIMULATOR_SEGMENTS__LAPSED_HIGH_VALUE__CLICK", "0.1",
                        "CPO_SIMULATOR_SEGMENTS__VIP__OPEN", "0.5"));
        assertThat(settings.seed()).isEqualTo(99);
        assertThat(settings.baseline().open()).isEqualTo(0.35);
        assertThat(settings.meanOrderValue()).isEqualByComparingTo("80");
        assertThat(settings.maxAssignmentAge()).isEqualTo(Duration.ofHours(12));
        assertThat(settings.experiments()).containsExactly("exp-live");
        // A segment id with dashes: the environment overrides a segment the properties name (an environment variable
        // name cannot tell a dash from a dot); one without needs no property.
        assertThat(settings.segmentBaselines()).as("segments %s", settings.segmentBaselines().keySet())
                .containsOnlyKeys("lapsed-high-value", "vip");
        assertThat(settings.segmentBaselines().get("lapsed-high-value").click()).isEqualTo(0.1);
        assertThat(settings.segmentBaselines().get("vip").open()).isEqualTo(0.5);
    }

    @Test
    void invalidSettingsAreRejectedNamingTheSetting() {
        assertThatThrownBy(() -> settings(Map.of("cpo.simulator.baseline.click", "0.5"), Map.of()))
                .hasMessageContaining("cpo.simulator.baseline").hasMessageContaining("click");
        assertThatThrownBy(() -> settings(Map.of("cpo.simulator.segments.vip.open", "0.01"), Map.of()))
                .hasMessageContaining("cpo.simulator.segments.\"vip\"");
        assertThatThrownBy(() -> settings(Map.of("cpo.simulator.delivered-rate", "1.5"), Map.of()))
                .hasMessageContaining("deliveredRate");
    }
}
