package dev.cpo.simulator.model;

import dev.cpo.events.EngagementEvent;
import java.util.List;
import java.util.Objects;

/**
 * What became of one assignment.
 *
 * @param outcome delivered, bounced or skipped
 * @param skipReason why it was skipped; null unless {@code outcome == SKIPPED}
 * @param events the engagement events, in funnel order: empty unless delivered, then DELIVERED first
 */
public record Simulation(Outcome outcome, SkipReason skipReason, List<EngagementEvent> events) {

    /** What became of an assignment. */
    public enum Outcome {
        /** Sent and delivered: DELIVERED and possibly OPENED, CLICKED, CONVERTED. */
        DELIVERED("delivered"),
        /** Sent, but it bounced: no events. */
        BOUNCED("bounced"),
        /** Not sent: no events (see {@link SkipReason}). */
        SKIPPED("skipped");

        private final String tag;

        Outcome(String tag) {
            this.tag = tag;
        }

        /** @return the name used in metrics, e.g. {@code delivered} */
        public String tag() {
            return tag;
        }
    }

    /** Checks that a skip has a reason, that nothing else has one, and that only a delivery has events. */
    public Simulation {
        Objects.requireNonNull(outcome, "outcome");
        events = List.copyOf(events);
        if ((outcome == Outcome.SKIPPED) != (skipReason != null)) {
            throw new IllegalArgumentException("a skip, and only a skip, has a reason");
        }
        if ((outcome == Outcome.DELIVERED) == events.isEmpty()) {
            throw new IllegalArgumentException("a delivery, and only a delivery, has events");
        }
    }

    static Simulation skipped(SkipReason reason) {
        return new Simulation(Outcome.SKIPPED, reason, List.of());
    }

    static Simulation bounced() {
        return new Simulation(Outcome.BOUNCED, null, List.of());
    }

    static Simulation delivered(List<EngagementEvent> events) {
        return new Simulation(Outcome.DELIVERED, null, events);
    }
}
