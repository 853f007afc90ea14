package dev.cpo.events.kafka;

import org.apache.kafka.common.serialization.Serializer;

import dev.cpo.events.CpoEvent;
import dev.cpo.events.EventCodec;

/**
 * Writes any {@link CpoEvent} as UTF-8 JSON with {@link EventCodec#encode(CpoEvent)}. A null value (a tombstone)
 * stays null. Usable directly for every topic; the per-type subclasses only make configuration self-explanatory.
 *
 * @param <T> the event type
 */
public class EventSerializer<T extends CpoEvent> implements Serializer<T> {

    /** Creates a serializer for any event type. */
    public EventSerializer() {
    }

    @Override
    public byte[] serialize(String topic, T data) {
        return data == null ? null : EventCodec.encode(data);
    }
}
