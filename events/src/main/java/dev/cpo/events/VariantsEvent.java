package dev.cpo.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The generation service's output on {@value Topics#VARIANTS}: message variants for one customer.
 *
 * @param eventId derived from the content event's id
 * @param schemaVersion {@value #SCHEMA_VERSION}
 * @param occurredAt when generation finished
 * @param customerId the customer; the Kafka key
 * @param causationId the {@link ContentEvent}'s id
 * @param segment as received (required)
 * @param features as received (required)
 * @param snippets the grounding snippets as provided; null is read as empty
 * @param variants the generated variants; null is read as empty
 */
public record VariantsEvent(UUID eventId, int schemaVersion, Instant occurredAt, String customerId, UUID causationId,
        Segment segment, SegmentFeatures features, List<Snippet> snippets, List<Variant> variants)
        implements
            CausedEvent {

    /** The schema version this code writes. */
    public static final int SCHEMA_VERSION = 1;

    /** Checks the envelope and the required fields. */
    public VariantsEvent {
        Checks.envelope(eventId, schemaVersion, occurredAt, customerId);
        Checks.required("causationId", causationId);
        Checks.required("segment", segment);
        Checks.required("features", features);
        snippets = Checks.list("snippets", snippets);
        variants = Checks.list("variants", variants);
    }
}
