package dev.cpo.events.kafka;

import dev.cpo.events.ContentEvent;

/**
 * Deserializer for {@link ContentEvent}s on {@value dev.cpo.events.Topics#CONTENT}, for Kafka configuration.
 */
public class ContentEventDeserializer extends EventDeserializer<ContentEvent> {

    /** Creates the deserializer. */
    public ContentEventDeserializer() {
        super(ContentEvent.class);
    }
}
