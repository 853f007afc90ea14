package dev.cpo.generation.messaging;

/** The service's messaging channels; their topics are set in {@code application.properties}. */
public final class Channels {

    /** Consumes the {@code content} topic, in batches. */
    public static final String CONTENT_IN = "content-in";
    /** Publishes to the {@code variants} topic. */
    public static final String VARIANTS_OUT = "variants-out";
    /** Publishes rejected {@code content} records, unchanged, to {@code content-dlq}. */
    public static final String CONTENT_DLQ_OUT = "content-dlq-out";

    private Channels() {
    }
}
