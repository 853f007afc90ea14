package dev.cpo.events.kafka;

import dev.cpo.events.ScreenedEvent;

/**
 * Serializer for {@link ScreenedEvent}s on {@value dev.cpo.events.Topics#SCREENED}, for Kafka configuration.
 */
public class ScreenedEventSerializer extends EventSerializer<ScreenedEvent> {

    /** Creates the serializer. */
    public ScreenedEventSerializer() {
    }
}
