package dev.cpo.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A delivery or engagement outcome on {@value Topics#ENGAGEMENT}, from live tracking, a historical import or the
 * simulator; consumed by the experiment service to measure arms.
 *
 * @param eventId unique id; re-sending the same outcome must reuse it
 * @param schemaVersion {@value #SCHEMA_VERSION}
 * @param occurredAt when the customer did it
 * @param customerId the customer; the Kafka key
 * @param experimentId the experiment (required)
 * @param arm the arm the customer was assigned (required)
 * @param segmentId the customer's segment id (optional)
 * @param variantId the variant that was sent (optional; absent for control)
 * @param type delivered, opened, clicked or converted (required)
 * @param revenue order value, at least 0; only meaningful for converted (optional)
 * @param source live, historical or simulated (required)
 */
public record EngagementEvent(UUID eventId, int schemaVersion, Instant occurredAt, String customerId,
        String experimentId, String arm, String segmentId, String variantId, EngagementType type, BigDecimal revenue,
        EngagementSource source) implements CpoEvent {

    /** The schema version this code writes. */
    public static final int SCHEMA_VERSION = 1;

    /** Checks the envelope, the required fields and that revenue is not negative. */
    public EngagementEvent {
        Checks.envelope(eventId, schemaVersion, occurredAt, customerId);
        Checks.nonBlank("experimentId", experimentId);
        Checks.nonBlank("arm", arm);
        Checks.required("type", type);
        Checks.nonNegative("revenue", revenue);
        Checks.required("source", source);
    }
}
