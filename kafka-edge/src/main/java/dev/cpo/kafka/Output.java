package dev.cpo.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One record a stage publishes, keyed by customer id, and the input whose trace it continues.
 *
 * @param key the record key (the customer id)
 * @param value the event
 * @param cause the consumed record it comes from, or {@code null} when it has none (e.g. a recompute)
 * @param <T> the event type
 */
public record Output<T>(String key, T value, ConsumerRecord<String, byte[]> cause) {
}
