package dev.cpo.retrieval.corpus;

import java.time.Instant;
import java.util.Objects;

/**
 * A document's approval: who approved it and the window in which it may be served, {@code approvedAt <= t <
 * expiresAt}.
 *
 * @param status the workflow status
 * @param approvedBy who approved it; null unless approved
 * @param approvedAt when the approval takes effect; null unless approved
 * @param expiresAt the first instant at which the document is no longer served
 */
public record Approval(ApprovalStatus status, String approvedBy, Instant approvedAt, Instant expiresAt) {

    /** Checks that an approved document names its approver and a non-empty window. */
    public Approval {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (status == ApprovalStatus.APPROVED) {
            if (approvedBy == null || approvedBy.isBlank()) {
                throw new IllegalArgumentException("an approved document needs approvedBy");
            }
            Objects.requireNonNull(approvedAt, "approvedAt");
        }
        if (approvedAt != null && !approvedAt.isBefore(expiresAt)) {
            throw new IllegalArgumentException("expiresAt must be after approvedAt");
        }
    }

    /**
     * @param instant a point in time
     * @return whether a document with this approval may be served at {@code instant}
     */
    public boolean servableAt(Instant instant) {
        return status == ApprovalStatus.APPROVED && !instant.isBefore(approvedAt) && instant.isBefore(expiresAt);
    }
}
