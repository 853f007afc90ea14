package dev.cpo.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The retrieval service's output on {@value Topics#CONTENT}: grounding snippets for a customer's segment. An empty
 * snippet list is a valid, documented outcome (nothing relevant found); generation then decides what to do.
 *
 * @param eventId derived from the segment event's id
 * @param schemaVersion {@value #SCHEMA_VERSION}
 * @param occurredAt when retrieval ran
 * @param customerId the customer; the Kafka key
 * @param causationId the {@link SegmentEvent}'s id
 * @param segment as received (required)
 * @param features as received (required)
 * @param corpusVersion version of the indexed corpus (required)
 * @param provider the retrieval backend, e.g. "lucene" or "azure-ai-search" (required)
 * @param query the query that was run (required)
 * @param snippets best first; null is read as empty
 */
public record ContentEvent(UUID eventId, int schemaVersion, Instant occurredAt, String customerId, UUID causationId,
        Segment segment, SegmentFeatures features, String corpusVersion, String provider, String query,
        List<Snippet> snippets) implements CausedEvent {

    /** The schema version this code writes. */
    public static final int SCHEMA_VERSION = 1;

    /** Checks the envelope and the required fields. */
    public ContentEvent {
        Checks.envelope(eventId, schemaVersion, occurredAt, customerId);
        Checks.required("causationId", causationId);
        Checks.required("segment", segment);
        Checks.required("features", features);
        Checks.nonBlank("corpusVersion", corpusVersion);
        Checks.nonBlank("provider", provider);
        Checks.nonBlank("query", query);
        snippets = Checks.list("snippets", snippets);
    }
}
