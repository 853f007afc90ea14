package dev.cpo.events.kafka;

import dev.cpo.events.VariantsEvent;

/**
 * Serializer for {@link VariantsEvent}s on {@value dev.cpo.events.Topics#VARIANTS}, for Kafka configuration.
 */
public class VariantsEventSerializer extends EventSerializer<VariantsEvent> {

    /** Creates the serializer. */
    public VariantsEventSerializer() {
    }
}
