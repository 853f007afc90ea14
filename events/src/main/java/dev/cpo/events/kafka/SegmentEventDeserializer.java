package dev.cpo.events.kafka;

import dev.cpo.events.SegmentEvent;

/**
 * Deserializer for {@link SegmentEvent}s on {@value dev.cpo.events.Topics#SEGMENTS}, for Kafka configuration.
 */
public class SegmentEventDeserializer extends EventDeserializer<SegmentEvent> {

    /** Creates the deserializer. */
    public SegmentEventDeserializer() {
        super(SegmentEvent.class);
    }
}
