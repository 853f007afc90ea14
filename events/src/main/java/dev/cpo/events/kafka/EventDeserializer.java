package dev.cpo.events.kafka;

import java.util.Objects;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

import dev.cpo.events.CpoEvent;
import dev.cpo.events.EventCodec;
import dev.cpo.events.InvalidEventException;

/**
 * Reads one event type with {@link EventCodec#decode(byte[], Class)}.
 *
 * <p>Bad input, including a null value (pipeline topics carry no tombstones), throws a
 * {@link SerializationException} whose cause is the {@link InvalidEventException}; its message names the topic and
 * the value-free reason, so a consumer's failure handler can dead-letter the original bytes with that reason.
 *
 * @param <T> the event type
 */
public class EventDeserializer<T extends CpoEvent> implements Deserializer<T> {

    private final Class<T> type;

    /**
     * @param type the event type this deserializer produces
     */
    public EventDeserializer(Class<T> type) {
        this.type = Objects.requireNonNull(type, "type");
    }

    /**
     * @return the event type this deserializer produces
     */
    public Class<T> type() {
        return type;
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        try {
            return EventCodec.decode(data, type);
        } catch (InvalidEventException e) {
            throw new SerializationException(
                    "invalid " + type.getSimpleName() + " on topic '" + topic + "': " + e.reason(), e);
        }
    }

    /**
     * The {@link InvalidEventException#reason() reason} behind a failure of this deserializer, e.g. for a
     * {@value dev.cpo.events.Topics#DEAD_LETTER_REASON_HEADER} header.
     *
     * @param failure what {@link #deserialize(String, byte[])} threw, or anything wrapping it
     * @return the value-free reason, or the failure's class name if it carries none
     */
    public static String reasonOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof InvalidEventException invalid) {
                return invalid.reason();
            }
        }
        return failure == null ? "unknown" : failure.getClass().getSimpleName();
    }
}
