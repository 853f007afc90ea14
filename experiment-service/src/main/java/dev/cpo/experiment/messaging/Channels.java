package dev.cpo.experiment.messaging;

/** The service's messaging channels; their topics are set in {@code application.properties}. */
public final class Channels {

    /** Consumes {@code screened}, in batches: the assignment side. */
    public static final String SCREENED_IN = "screened-in";
    /** Publishes to {@code assignments}. */
    public static final String ASSIGNMENTS_OUT = "assignments-out";
    /** Publishes rejected {@code screened} records, unchanged, to {@code screened-dlq}. */
    public static final String SCREENED_DLQ_OUT = "screened-dlq-out";
    /** Publishes customers not contacted to {@code assignment-skips}, for ops. */
    public static final String SKIPS_OUT = "assignment-skips-out";
    /** Consumes {@code assignments} and {@code engagement}, in batches: the measurement side. */
    public static final String MEASURE_IN = "measure-in";
    /** Publishes rejected measurement records to {@code <their topic>-dlq}. */
    public static final String MEASURE_DLQ_OUT = "measure-dlq-out";
    /** Publishes metric snapshots to {@code experiment-metrics}, for ops. */
    public static final String METRICS_OUT = "experiment-metrics-out";

    /** Publishes imported engagement to {@code engagement} (historical imports). */
    public static final String IMPORT_ENGAGEMENT_OUT = "import-engagement-out";

    private Channels() {
    }
}
