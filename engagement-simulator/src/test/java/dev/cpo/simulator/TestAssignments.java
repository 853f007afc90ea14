package dev.cpo.simulator;

import dev.cpo.events.ArmKind;
import dev.cpo.events.AssignmentEvent;
import dev.cpo.events.Segment;
import dev.cpo.events.Tone;
import java.time.Instant;
import java.util.UUID;

/** Assignment events for tests. */
public final class TestAssignments {

    /** The experiment of every assignment here unless told otherwise. */
    public static final String EXPERIMENT = "exp-test-tone";
    /** A segment id. */
    public static final String SEGMENT_ID = "lapsed-high-value";

    private TestAssignments() {
    }

    /** @return a segment of that id */
    public static Segment segment(String id) {
        return new Segment(id, "Segment " + id, "rfm-rules", "rfm-test");
    }

    /** @return a control assignment of the customer, with consent, at that instant */
    public static AssignmentEvent control(String customerId, Instant at) {
        return assignment(customerId, at, EXPERIMENT, "control", ArmKind.CONTROL, null, SEGMENT_ID, true);
    }

    /** @return a treatment assignment of that tone (arm named after it), with consent, at that instant */
    public static AssignmentEvent treatment(String customerId, Instant at, Tone tone) {
        return assignment(customerId, at, EXPERIMENT, tone.wireName(), ArmKind.TREATMENT, tone, SEGMENT_ID, true);
    }

    /**
     * @return an assignment; its event id is derived from the customer id and experiment, so the same arguments give
     *         the same event
     */
    public static AssignmentEvent assignment(String customerId, Instant at, String experimentId, String arm,
            ArmKind kind, Tone tone, String segmentId, boolean consent) {
        UUID eventId = UUID.nameUUIDFromBytes(("assignment/" + experimentId + "/" + customerId).getBytes());
        UUID causationId = UUID.nameUUIDFromBytes(("screened/" + customerId).getBytes());
        return new AssignmentEvent(eventId, AssignmentEvent.SCHEMA_VERSION, at, customerId, causationId,
                experimentId, arm, kind, tone, segment(segmentId), tone == null ? null : "v-" + tone.wireName(),
                "Your perks are waiting", "Hi there, your perks are waiting.", null, consent);
    }
}
