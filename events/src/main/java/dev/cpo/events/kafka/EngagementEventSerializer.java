package dev.cpo.events.kafka;

import dev.cpo.events.EngagementEvent;

/**
 * Serializer for {@link EngagementEvent}s on {@value dev.cpo.events.Topics#ENGAGEMENT}, for Kafka configuration.
 */
public class EngagementEventSerializer extends EventSerializer<EngagementEvent> {

    /** Creates the serializer. */
    public EngagementEventSerializer() {
    }
}
