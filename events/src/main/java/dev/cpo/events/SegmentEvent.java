package dev.cpo.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The segmentation service's output on {@value Topics#SEGMENTS}: which segment a customer is in and why.
 *
 * @param eventId derived from the customer event's id
 * @param schemaVersion {@value #SCHEMA_VERSION}
 * @param occurredAt when the segment was assigned
 * @param customerId the customer; the Kafka key
 * @param causationId the {@link CustomerEvent}'s id
 * @param segment the assigned segment (required)
 * @param features the features it was assigned from (required)
 */
public record SegmentEvent(UUID eventId, int schemaVersion, Instant occurredAt, String customerId, UUID causationId,
        Segment segment, SegmentFeatures features) implements CausedEvent {

    /** The schema version this code writes. */
    public static final int SCHEMA_VERSION = 1;

    /** Checks the envelope and the required fields. */
    public SegmentEvent {
        Checks.envelope(eventId, schemaVersion, occurredAt, customerId);
        Checks.required("causationId", causationId);
        Checks.required("segment", segment);
        Checks.required("features", features);
    }
}
