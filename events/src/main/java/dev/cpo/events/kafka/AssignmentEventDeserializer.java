package dev.cpo.events.kafka;

import dev.cpo.events.AssignmentEvent;

/**
 * Deserializer for {@link AssignmentEvent}s on {@value dev.cpo.events.Topics#ASSIGNMENTS}, for Kafka configuration.
 */
public class AssignmentEventDeserializer extends EventDeserializer<AssignmentEvent> {

    /** Creates the deserializer. */
    public AssignmentEventDeserializer() {
        super(AssignmentEvent.class);
    }
}
