package dev.cpo.events.kafka;

import dev.cpo.events.VariantsEvent;

/**
 * Deserializer for {@link VariantsEvent}s on {@value dev.cpo.events.Topics#VARIANTS}, for Kafka configuration.
 */
public class VariantsEventDeserializer extends EventDeserializer<VariantsEvent> {

    /** Creates the deserializer. */
    public VariantsEventDeserializer() {
        super(VariantsEvent.class);
    }
}
