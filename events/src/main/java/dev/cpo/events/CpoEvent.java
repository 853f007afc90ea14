package dev.cpo.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The common envelope of every pipeline event. Its four fields are written flat, at the top level of the JSON, next
 * to the event's own fields.
 */
public interface CpoEvent {

    /**
     * Unique id of this event. Downstream events derive theirs with {@link EventIds#derive(UUID, String)} so that
     * re-processing an input yields the same output id (consumers de-duplicate on it).
     *
     * @return the event id, never null
     */
    UUID eventId();

    /**
     * Version of the event's schema the producer wrote, currently {@code 1} for every type; see the README's
     * compatibility rules.
     *
     * @return the schema version, at least 1
     */
    int schemaVersion();

    /**
     * When the fact this event reports happened (for derived events: when it was produced).
     *
     * @return an instant, never null
     */
    Instant occurredAt();

    /**
     * The customer this event is about; also the Kafka record key.
     *
     * @return a non-blank id of at most 128 characters
     */
    String customerId();
}
