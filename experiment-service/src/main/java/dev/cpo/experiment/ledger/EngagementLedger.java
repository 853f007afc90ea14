package dev.cpo.experiment.ledger;

import dev.cpo.events.EngagementType;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * Folds assignments and engagement steps into {@link Participant}s and the aggregate cells, in O(1) per event.
 * Counts are of customers: a second open of the same customer changes nothing; revenue adds up over all of a
 * customer's conversions, and the cell keeps the sum and the sum of squares of revenue per customer (a customer's
 * revenue going from {@code a} to {@code b} adds {@code b - a} and {@code b*b - a*a}).
 *
 * <p>De-duplication by event id is the caller's job (storage knows which ids it has seen); this class sees every
 * event once.
 *
 * <p>The rules:
 * <ul>
 * <li>An assignment makes the participant assigned: +1 customer in its cell. A second assignment of the same
 * customer (a re-contact, a replay) changes nothing. A participant that had engagement before its assignment (an
 * orphan: the topics are consumed independently) stops being one: it moves to the assignment's arm and segment, and
 * its steps (implied ones included) are counted there.</li>
 * <li>An engagement step for a customer not seen before creates an orphan participant in the event's arm and
 * segment; an orphan's steps are kept on the participant and reach the cell only with its assignment (rates count
 * only assigned customers). A step whose arm differs from the participant's arm is rejected.</li>
 * <li>Steps are delivered &lt; opened &lt; clicked &lt; converted. A step sets its flag and every flag before it;
 * under {@link FunnelRule#NORMALIZE} the opens and clicks that had to be implied are counted as such; under
 * {@link FunnelRule#REJECT} a click without an open or a conversion without a click is rejected. A missing delivery
 * is always implied silently (delivery receipts are often not reported).</li>
 * </ul>
 */
public final class EngagementLedger {

    /** What applying an event did. */
    public enum Outcome {
        /** The participant or the aggregates changed. */
        APPLIED,
        /** Applied, with implied steps (funnel normalisation). */
        NORMALIZED,
        /** Nothing changed: the customer had already reached this step (or was already assigned). */
        NO_CHANGE,
        /** Not applied; {@link Result#reason()} says why. */
        REJECTED
    }

    /**
     * @param outcome what happened
     * @param reason why it was rejected; null otherwise
     */
    public record Result(Outcome outcome, String reason) {

        private static final Result APPLIED = new Result(Outcome.APPLIED, null);
        private static final Result NORMALIZED = new Result(Outcome.NORMALIZED, null);
        private static final Result NO_CHANGE = new Result(Outcome.NO_CHANGE, null);

        static Result rejected(String reason) {
            return new Result(Outcome.REJECTED, reason);
        }
    }

    private final FunnelRule rule;

    /**
     * @param rule the funnel rule
     */
    public EngagementLedger(FunnelRule rule) {
        this.rule = Objects.requireNonNull(rule, "rule");
    }

    /**
     * @return the funnel rule
     */
    public FunnelRule rule() {
        return rule;
    }

    /**
     * @param experimentId the experiment
     * @param customerId the customer
     * @param arm the arm of the event that introduces the customer
     * @param segmentId its segment
     * @return a participant seen for the first time (an orphan until its assignment is applied)
     */
    public Participant newParticipant(String experimentId, String customerId, String arm, String segmentId) {
        return new Participant(experimentId, customerId, arm, segmentId);
    }

    /**
     * @param participant the customer (new or restored)
     * @param arm the arm the assignment names
     * @param segmentId the segment the assignment names
     * @param changes the batch's changes to add to
     * @return applied (counted in its cell) or no change (already assigned)
     */
    public Result assign(Participant participant, String arm, String segmentId, TallyChanges changes) {
        if (participant.assigned) {
            return Result.NO_CHANGE;
        }
        boolean orphan = participant.stored || participant.dirty;
        if (orphan) {
            changes.cell(participant.key()).orphans--;
        }
        // The assignment is the truth about arm and segment (a participant first seen through an engagement event
        // carries that event's).
        participant.arm = arm;
        participant.segmentId = segmentId == null || segmentId.isBlank() ? TallyKey.NO_SEGMENT : segmentId;
        if (orphan) {
            // Engagement came first: the orphan's steps count from now on, in the assignment's cell.
            Tally cell = changes.cell(participant.key());
            cell.delivered += participant.delivered ? 1 : 0;
            cell.opened += participant.opened ? 1 : 0;
            cell.clicked += participant.clicked ? 1 : 0;
            cell.converted += participant.converted ? 1 : 0;
            cell.impliedOpens += participant.impliedOpen ? 1 : 0;
            cell.impliedClicks += participant.impliedClick ? 1 : 0;
            double revenue = participant.revenue.doubleValue();
            cell.revenueSum += revenue;
            cell.revenueSumOfSquares += revenue * revenue;
        }
        participant.assigned = true;
        participant.dirty = true;
        changes.cell(participant.key()).assigned++;
        return Result.APPLIED;
    }

    /**
     * @param participant the customer (new or restored)
     * @param arm the arm the event names
     * @param type the step
     * @param revenue the revenue of a conversion; null or ignored for other steps
     * @param changes the batch's changes to add to
     * @return what happened
     */
    public Result engage(Participant participant, String arm, EngagementType type, BigDecimal revenue,
            TallyChanges changes) {
        if (!participant.arm.equals(arm)) {
            return Result.rejected("arm '" + arm + "' does not match the customer's arm '" + participant.arm + "'");
        }
        if (rule == FunnelRule.REJECT) {
            if (type == EngagementType.CLICKED && !participant.opened) {
                return Result.rejected("clicked without a prior opened (funnel rule: reject)");
            }
            if (type == EngagementType.CONVERTED && !participant.clicked) {
                return Result.rejected("converted without a prior clicked (funnel rule: reject)");
            }
        }
        Tally cell = changes.cell(participant.key());
        if (!participant.assigned && !participant.stored && !participant.dirty) {
            cell.orphans++;
        }
        cell.events++;
        // An orphan's steps are kept on the participant only; they reach the cell with its assignment, so no rate
        // ever counts a customer who is not in its denominator.
        Tally counted = participant.assigned ? cell : new Tally();
        boolean changed = !participant.dirty && !participant.stored;
        boolean implied = false;
        int step = type.ordinal();
        if (!participant.delivered) {
            participant.delivered = true;
            counted.delivered++;
            changed = true;
        }
        if (step >= EngagementType.OPENED.ordinal() && !participant.opened) {
            participant.opened = true;
            counted.opened++;
            changed = true;
            if (step > EngagementType.OPENED.ordinal()) {
                participant.impliedOpen = true;
                counted.impliedOpens++;
                implied = true;
            }
        }
        if (step >= EngagementType.CLICKED.ordinal() && !participant.clicked) {
            participant.clicked = true;
            counted.clicked++;
            changed = true;
            if (step > EngagementType.CLICKED.ordinal()) {
                participant.impliedClick = true;
                counted.impliedClicks++;
                implied = true;
            }
        }
        if (type == EngagementType.CONVERTED) {
            if (!participant.converted) {
                participant.converted = true;
                counted.converted++;
            }
            participant.conversions++;
            if (revenue != null && revenue.signum() > 0) {
                double before = participant.revenue.doubleValue();
                participant.revenue = participant.revenue.add(revenue);
                double after = participant.revenue.doubleValue();
                counted.revenueSum += after - before;
                counted.revenueSumOfSquares += after * after - before * before;
            }
            changed = true;
        }
        if (changed) {
            participant.dirty = true;
        }
        if (implied) {
            return Result.NORMALIZED;
        }
        return changed ? Result.APPLIED : Result.NO_CHANGE;
    }
}
