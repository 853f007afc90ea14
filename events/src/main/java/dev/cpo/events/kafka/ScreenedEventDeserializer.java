package dev.cpo.events.kafka;

import dev.cpo.events.ScreenedEvent;

/**
 * Deserializer for {@link ScreenedEvent}s on {@value dev.cpo.events.Topics#SCREENED}, for Kafka configuration.
 */
public class ScreenedEventDeserializer extends EventDeserializer<ScreenedEvent> {

    /** Creates the deserializer. */
    public ScreenedEventDeserializer() {
        super(ScreenedEvent.class);
    }
}
