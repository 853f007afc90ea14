package dev.cpo.events.kafka;

import dev.cpo.events.ContentEvent;

/**
 * Serializer for {@link ContentEvent}s on {@value dev.cpo.events.Topics#CONTENT}, for Kafka configuration.
 */
public class ContentEventSerializer extends EventSerializer<ContentEvent> {

    /** Creates the serializer. */
    public ContentEventSerializer() {
    }
}
