package dev.cpo.simulator.config;

import dev.cpo.simulator.model.EngagementSimulator;
import dev.cpo.simulator.model.Rates;
import dev.cpo.simulator.model.SimulationSettings;
import dev.cpo.simulator.model.UpliftPrior;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Map;
import java.util.Set;

/** Builds the domain core from the configuration. */
public class SimulatorBeans {

    /** @return the wall clock, in UTC */
    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * @param config the settings
     * @param clock the clock
     * @return the simulator; invalid settings fail the start
     */
    @Produces
    @Singleton
    EngagementSimulator simulator(SimulatorConfig config, Clock clock) {
        return new EngagementSimulator(settings(config), clock);
    }

    /**
     * @param config the configuration
     * @return the domain settings; a segment's missing rate falls back to the global baseline's
     * @throws IllegalArgumentException naming the offending setting
     */
    public static SimulationSettings settings(SimulatorConfig config) {
        SimulatorConfig.Baseline b = config.baseline();
        Rates baseline = rates("cpo.simulator.baseline", b.open(), b.click(), b.conversion());
        SimulatorConfig.Uplift u = config.uplift();
        SimulationSettings.Builder builder = SimulationSettings.builder().seed(config.seed()).baseline(baseline)
                .uplift(new UpliftPrior(u.mean(), u.sd(), u.min(), u.max())).noise(config.noise())
                .meanOrderValue(config.revenue().meanOrderValue()).revenueSigma(config.revenue().sigma())
                .deliveredRate(config.deliveredRate()).maxAssignmentAge(config.maxAssignmentAge())
                .experiments(config.experiments().orElse(Set.of()));
        for (Map.Entry<String, SimulatorConfig.SegmentBaseline> segment : config.segments().entrySet()) {
            SimulatorConfig.SegmentBaseline s = segment.getValue();
            builder.segmentBaseline(segment.getKey(),
                    rates("cpo.simulator.segments.\"" + segment.getKey() + "\"", s.open().orElse(baseline.open()),
                            s.click().orElse(baseline.click()), s.conversion().orElse(baseline.conversion())));
        }
        return builder.build();
    }

    private static Rates rates(String prefix, double open, double click, double conversion) {
        try {
            return new Rates(open, click, conversion);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(prefix + ": " + e.getMessage(), e);
        }
    }
}
