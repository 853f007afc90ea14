package dev.cpo.events.kafka;

import dev.cpo.events.EngagementEvent;

/**
 * Deserializer for {@link EngagementEvent}s on {@value dev.cpo.events.Topics#ENGAGEMENT}, for Kafka configuration.
 */
public class EngagementEventDeserializer extends EventDeserializer<EngagementEvent> {

    /** Creates the deserializer. */
    public EngagementEventDeserializer() {
        super(EngagementEvent.class);
    }
}
