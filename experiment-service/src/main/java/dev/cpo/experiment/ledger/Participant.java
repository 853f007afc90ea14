package dev.cpo.experiment.ledger;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What is known of one customer in one experiment: the arm and segment, whether the assignment has been seen, and
 * how far down the funnel the customer went. The unit the aggregates count. Mutable, not thread-safe; the ledger
 * changes it and marks it dirty.
 */
public final class Participant {

    private final String experimentId;
    private final String customerId;
    String arm;
    String segmentId;
    boolean assigned;
    boolean delivered;
    boolean opened;
    boolean clicked;
    boolean converted;
    boolean impliedOpen;
    boolean impliedClick;
    int conversions;
    BigDecimal revenue = BigDecimal.ZERO;
    boolean dirty;
    boolean stored;

    /**
     * A participant first seen now.
     *
     * @param experimentId the experiment
     * @param customerId the customer
     * @param arm the arm
     * @param segmentId the segment; blank or null becomes {@value TallyKey#NO_SEGMENT}
     */
    public Participant(String experimentId, String customerId, String arm, String segmentId) {
        this.experimentId = Objects.requireNonNull(experimentId);
        this.customerId = Objects.requireNonNull(customerId);
        this.arm = Objects.requireNonNull(arm);
        this.segmentId = segmentId == null || segmentId.isBlank() ? TallyKey.NO_SEGMENT : segmentId;
    }

    /**
     * A participant read back from storage.
     *
     * @return the participant, not dirty
     */
    @SuppressWarnings("checkstyle:ParameterNumber")
    public static Participant restore(String experimentId, String customerId, String arm, String segmentId,
            boolean assigned, boolean delivered, boolean opened, boolean clicked, boolean converted,
            boolean impliedOpen,
            boolean impliedClick, int conversions, BigDecimal revenue) {
        Participant p = new Participant(experimentId, customerId, arm, segmentId);
        p.assigned = assigned;
        p.delivered = delivered;
        p.opened = opened;
        p.clicked = clicked;
        p.converted = converted;
        p.impliedOpen = impliedOpen;
        p.impliedClick = impliedClick;
        p.conversions = conversions;
        p.revenue = revenue == null ? BigDecimal.ZERO : revenue;
        p.stored = true;
        return p;
    }

    /**
     * @return the aggregate cell this participant counts in
     */
    public TallyKey key() {
        return new TallyKey(experimentId, arm, segmentId);
    }

    public String experimentId() {
        return experimentId;
    }

    public String customerId() {
        return customerId;
    }

    public String arm() {
        return arm;
    }

    public String segmentId() {
        return segmentId;
    }

    public boolean assigned() {
        return assigned;
    }

    public boolean delivered() {
        return delivered;
    }

    public boolean opened() {
        return opened;
    }

    public boolean clicked() {
        return clicked;
    }

    public boolean converted() {
        return converted;
    }

    /**
     * @return whether its open was implied by a later step (funnel normalisation)
     */
    public boolean impliedOpen() {
        return impliedOpen;
    }

    /**
     * @return whether its click was implied by a conversion (funnel normalisation)
     */
    public boolean impliedClick() {
        return impliedClick;
    }

    public int conversions() {
        return conversions;
    }

    public BigDecimal revenue() {
        return revenue;
    }

    /**
     * @return whether the ledger changed it since it was created or restored
     */
    public boolean dirty() {
        return dirty;
    }

    /**
     * @return whether it was read from storage (an update) rather than created (an insert)
     */
    public boolean stored() {
        return stored;
    }
}
