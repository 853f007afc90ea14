package dev.cpo.events.kafka;

import dev.cpo.events.CustomerEvent;

/**
 * Deserializer for {@link CustomerEvent}s on {@value dev.cpo.events.Topics#CUSTOMERS}, for Kafka configuration.
 */
public class CustomerEventDeserializer extends EventDeserializer<CustomerEvent> {

    /** Creates the deserializer. */
    public CustomerEventDeserializer() {
        super(CustomerEvent.class);
    }
}
