package dev.cpo.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A consumed record a stage will not process, and why.
 *
 * @param record the record as consumed
 * @param reason a short reason naming fields, never values (it becomes the {@code dead-letter-reason} header)
 */
public record Rejection(ConsumerRecord<String, byte[]> record, String reason) {
}
