package dev.cpo.safety.messaging;

/** The service's messaging channels; their topics are set in {@code application.properties}. */
public final class Channels {

    /** Consumes the {@code variants} topic, in batches. */
    public static final String VARIANTS_IN = "variants-in";
    /** Publishes to the {@code screened} topic. */
    public static final String SCREENED_OUT = "screened-out";
    /** Publishes rejected or held {@code variants} records, unchanged, to {@code variants-dlq}. */
    public static final String VARIANTS_DLQ_OUT = "variants-dlq-out";
    /** Publishes every screening decision to {@code safety-audit}, for ops. */
    public static final String SAFETY_AUDIT_OUT = "safety-audit-out";

    private Channels() {
    }
}
