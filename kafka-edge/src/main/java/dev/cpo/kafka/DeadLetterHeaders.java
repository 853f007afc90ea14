package dev.cpo.kafka;

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
}
