package dev.cpo.simulator.messaging;

import dev.cpo.events.EngagementType;
import dev.cpo.simulator.model.SkipReason;
import dev.cpo.simulator.model.Simulation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.Map;

/**
 * The simulator's own counters, next to the stage counters ({@code stage=simulator}), counted once the broker
 * acknowledged a batch's events, like those:
 * <ul>
 * <li>{@code cpo_simulator_assignments_total{outcome}}: assignment records processed, by outcome ({@code delivered},
 * {@code bounced}, {@code skipped}); with the dead letters they add up to {@code cpo_records_in_total};</li>
 * <li>{@code cpo_simulator_skipped_total{reason}}: the skipped ones by reason ({@code no-consent}, {@code stale},
 * {@code other-experiment});</li>
 * <li>{@code cpo_simulator_events_total{type}}: engagement events published, by type; they add up to
 * {@code cpo_records_out_total{stage="simulator"}}.</li>
 * </ul>
 */
@ApplicationScoped
public class SimulatorMetrics {

    private final Map<Simulation.Outcome, Counter> outcomes = new EnumMap<>(Simulation.Outcome.class);
    private final Map<SkipReason, Counter> skips = new EnumMap<>(SkipReason.class);
    private final Map<EngagementType, Counter> events = new EnumMap<>(EngagementType.class);

    SimulatorMetrics(MeterRegistry registry) {
        for (Simulation.Outcome outcome : Simulation.Outcome.values()) {
            outcomes.put(outcome, Counter.builder("cpo.simulator.assignments")
                    .description("Assignment records processed, by outcome").tag("outcome", outcome.tag())
                    .register(registry));
        }
        for (SkipReason reason : SkipReason.values()) {
            skips.put(reason, Counter.builder("cpo.simulator.skipped")
                    .description("Assignments not sent, by reason").tag("reason", reason.tag()).register(registry));
        }
        for (EngagementType type : EngagementType.values()) {
            events.put(type, Counter.builder("cpo.simulator.events")
                    .description("Engagement events published, by type").tag("type", type.wireName())
                    .register(registry));
        }
    }

    /** @param tally what one batch made, now acknowledged by the broker */
    void count(Tally tally) {
        tally.outcomes.forEach((outcome, n) -> outcomes.get(outcome).increment(n));
        tally.skips.forEach((reason, n) -> skips.get(reason).increment(n));
        tally.events.forEach((type, n) -> events.get(type).increment(n));
    }

    /** What one batch made, counted only once its events are safe. Not thread-safe: one per batch. */
    static final class Tally {

        private final Map<Simulation.Outcome, Integer> outcomes = new EnumMap<>(Simulation.Outcome.class);
        private final Map<SkipReason, Integer> skips = new EnumMap<>(SkipReason.class);
        private final Map<EngagementType, Integer> events = new EnumMap<>(EngagementType.class);

        void add(Simulation simulation) {
            outcomes.merge(simulation.outcome(), 1, Integer::sum);
            if (simulation.skipReason() != null) {
                skips.merge(simulation.skipReason(), 1, Integer::sum);
            }
            simulation.events().forEach(event -> events.merge(event.type(), 1, Integer::sum));
        }
    }
}
