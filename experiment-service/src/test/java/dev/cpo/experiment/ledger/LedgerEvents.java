package dev.cpo.experiment.ledger;

import dev.cpo.events.ArmKind;
import dev.cpo.events.AssignmentEvent;
import dev.cpo.events.EngagementEvent;
import dev.cpo.events.EngagementSource;
import dev.cpo.events.EngagementType;
import dev.cpo.events.Segment;
import dev.cpo.events.Tone;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** Builds assignment and engagement events for the ledger tests. */
final class LedgerEvents {

    static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");

    private LedgerEvents() {
    }

    static AssignmentEvent assignment(String experimentId, String customerId, String arm, String segmentId) {
        boolean control = arm.equals("control");
        return new AssignmentEvent(UUID.randomUUID(), AssignmentEvent.SCHEMA_VERSION, AT, customerId,
                UUID.randomUUID(), experimentId, arm, control ? ArmKind.CONTROL : ArmKind.TREATMENT,
                control ? null : Tone.URGENT, new Segment(segmentId, "Segment " + segmentId, "rfm-rules", "v1"),
                control ? null : "variant-" + arm, "Subject", "Body", null, true);
    }

    static EngagementEvent engagement(UUID eventId, String experimentId, String customerId, String arm,
            String segmentId, EngagementType type, BigDecimal revenue) {
        return new EngagementEvent(eventId, EngagementEvent.SCHEMA_VERSION, AT, customerId, experimentId, arm,
                segmentId, null, type, revenue, EngagementSource.SIMULATED);
    }

    static EngagementEvent engagement(String experimentId, String customerId, String arm, String segmentId,
            EngagementType type, BigDecimal revenue) {
        return engagement(UUID.randomUUID(), experimentId, customerId, arm, segmentId, type, revenue);
    }

    /** Every field of a tally, for comparing whole cells. */
    static String fields(Tally t) {
        return t.toString() + "[revenueSumOfSquares=" + t.revenueSumOfSquares + "]";
    }
}
