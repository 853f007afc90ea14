package dev.cpo.events.kafka;

import dev.cpo.events.AssignmentEvent;

/**
 * Serializer for {@link AssignmentEvent}s on {@value dev.cpo.events.Topics#ASSIGNMENTS}, for Kafka configuration.
 */
public class AssignmentEventSerializer extends EventSerializer<AssignmentEvent> {

    /** Creates the serializer. */
    public AssignmentEventSerializer() {
    }
}
