package dev.cpo.segmentation.messaging;

/** The service's messaging channels; their topics are set in {@code application.properties}. */
public final class Channels {

    /** Consumes the {@code customers} topic, in batches. */
    public static final String CUSTOMERS_IN = "customers-in";
    /** Publishes to the {@code segments} topic. */
    public static final String SEGMENTS_OUT = "segments-out";
    /** Publishes rejected {@code customers} records, unchanged, to {@code customers-dlq}. */
    public static final String CUSTOMERS_DLQ_OUT = "customers-dlq-out";

    private Channels() {
    }
}
