package dev.cpo.events.kafka;

import dev.cpo.events.CustomerEvent;

/**
 * Serializer for {@link CustomerEvent}s on {@value dev.cpo.events.Topics#CUSTOMERS}, for Kafka configuration.
 */
public class CustomerEventSerializer extends EventSerializer<CustomerEvent> {

    /** Creates the serializer. */
    public CustomerEventSerializer() {
    }
}
