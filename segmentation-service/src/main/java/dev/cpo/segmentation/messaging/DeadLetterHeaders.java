package dev.cpo.segmentation.messaging;

/**
 * Headers of a dead-lettered record: the same names SmallRye's dead-letter strategy writes, so ops read every DLQ of
 * the pipeline the same way.
 */
final class DeadLetterHeaders {

    static final String REASON = "dead-letter-reason";
    static final String TOPIC = "dead-letter-topic";
    static final String PARTITION = "dead-letter-partition";
    static final String OFFSET = "dead-letter-offset";

    private DeadLetterHeaders() {
    }
}
