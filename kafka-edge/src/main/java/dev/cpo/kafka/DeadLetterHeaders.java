package dev.cpo.kafka;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Headers of a dead-lettered record: the names SmallRye's dead-letter strategy writes, so ops read every DLQ of the
 * pipeline the same way, whichever wrote it.
 */
public final class DeadLetterHeaders {

    /** Why the record was rejected: a short reason naming fields, never values. */
    public static final String REASON = "dead-letter-reason";
    /** The topic the record was consumed from. */
    public static final String TOPIC = "dead-letter-topic";
    /** Its partition there. */
    public static final String PARTITION = "dead-letter-partition";
    /** Its offset there. */
    public static final String OFFSET = "dead-letter-offset";

    private DeadLetterHeaders() {
    }

    /**
     * @param rejection a rejected record and why
     * @return its own headers plus the four above
     */
    public static RecordHeaders of(Rejection rejection) {
        ConsumerRecord<String, byte[]> record = rejection.record();
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.add(REASON, utf8(rejection.reason()));
        headers.add(TOPIC, utf8(record.topic()));
        headers.add(PARTITION, utf8(Integer.toString(record.partition())));
        headers.add(OFFSET, utf8(Long.toString(record.offset())));
        return headers;
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
