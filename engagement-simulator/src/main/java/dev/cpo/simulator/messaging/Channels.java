package dev.cpo.simulator.messaging;

/** The simulator's messaging channels; their topics are set in {@code application.properties}. */
public final class Channels {

    /** Consumes the {@code assignments} topic, in batches. */
    public static final String ASSIGNMENTS_IN = "assignments-in";
    /** Publishes to the {@code engagement} topic. */
    public static final String ENGAGEMENT_OUT = "engagement-out";
    /** Publishes rejected {@code assignments} records, unchanged, to {@code assignments-dlq}. */
    public static final String ASSIGNMENTS_DLQ_OUT = "assignments-dlq-out";

    private Channels() {
    }
}
