package dev.cpo.events.kafka;

import dev.cpo.events.SegmentEvent;

/**
 * Serializer for {@link SegmentEvent}s on {@value dev.cpo.events.Topics#SEGMENTS}, for Kafka configuration.
 */
public class SegmentEventSerializer extends EventSerializer<SegmentEvent> {

    /** Creates the serializer. */
    public SegmentEventSerializer() {
    }
}
