package dev.cpo.experiment.ledger;

/**
 * The cell the aggregates are kept in: one arm of one experiment within one segment. The arm totals are the sums of
 * an arm's cells; the metrics read cells, never events.
 *
 * @param experimentId the experiment
 * @param arm the arm's name
 * @param segmentId the customer's segment ({@value #NO_SEGMENT} when the events carry none)
 */
public record TallyKey(String experimentId, String arm, String segmentId) {

    /** The segment of customers whose events carry no segment. */
    public static final String NO_SEGMENT = "unknown";

    /** Checks the fields; a blank segment becomes {@value #NO_SEGMENT}. */
    public TallyKey {
        if (experimentId == null || experimentId.isBlank() || arm == null || arm.isBlank()) {
            throw new IllegalArgumentException("experimentId and arm are required");
        }
        if (segmentId == null || segmentId.isBlank()) {
            segmentId = NO_SEGMENT;
        }
    }
}
