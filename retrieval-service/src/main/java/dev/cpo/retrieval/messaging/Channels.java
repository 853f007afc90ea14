package dev.cpo.retrieval.messaging;

/** The service's messaging channels; their topics are set in {@code application.properties}. */
public final class Channels {

    /** Consumes the {@code segments} topic, in batches. */
    public static final String SEGMENTS_IN = "segments-in";
    /** Publishes to the {@code content} topic. */
    public static final String CONTENT_OUT = "content-out";
    /** Publishes rejected {@code segments} records, unchanged, to {@code segments-dlq}. */
    public static final String SEGMENTS_DLQ_OUT = "segments-dlq-out";

    private Channels() {
    }
}
