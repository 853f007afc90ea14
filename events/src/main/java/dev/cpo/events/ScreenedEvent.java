package dev.cpo.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The safety service's output on {@value Topics#SCREENED}: every variant with its verdict. Only variants that are
 * valid and whose decision is {@link Decision#PASS} may be sent.
 *
 * @param eventId derived from the variants event's id
 * @param schemaVersion {@value #SCHEMA_VERSION}
 * @param occurredAt when screening finished
 * @param customerId the customer; the Kafka key
 * @param causationId the {@link VariantsEvent}'s id
 * @param segment as received (required)
 * @param features as received (required)
 * @param variants the screened variants; null is read as empty
 */
public record ScreenedEvent(UUID eventId, int schemaVersion, Instant occurredAt, String customerId, UUID causationId,
        Segment segment, SegmentFeatures features, List<ScreenedVariant> variants) implements CausedEvent {

    /** The schema version this code writes. */
    public static final int SCHEMA_VERSION = 1;

    /** Checks the envelope and the required fields. */
    public ScreenedEvent {
        Checks.envelope(eventId, schemaVersion, occurredAt, customerId);
        Checks.required("causationId", causationId);
        Checks.required("segment", segment);
        Checks.required("features", features);
        variants = Checks.list("variants", variants);
    }
}
