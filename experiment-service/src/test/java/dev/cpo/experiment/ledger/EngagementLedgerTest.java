package dev.cpo.experiment.ledger;

import static dev.cpo.experiment.ledger.LedgerEvents.assignment;
import static dev.cpo.experiment.ledger.LedgerEvents.engagement;
import static dev.cpo.experiment.ledger.LedgerEvents.fields;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.cpo.events.EngagementEvent;
import dev.cpo.events.EngagementType;
import dev.cpo.experiment.ledger.EngagementLedger.Outcome;
import dev.cpo.experiment.stats.ArmAggregate;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class EngagementLedgerTest {

    private static final String EXP = "exp-1";
    private static final String SEG = "s1";

    private final InMemoryMeasurement normalize = new InMemoryMeasurement(FunnelRule.NORMALIZE);
    private final InMemoryMeasurement reject = new InMemoryMeasurement(FunnelRule.REJECT);

    private static EngagementLedger.Result engage(InMemoryMeasurement m, String customer, EngagementType type) {
        return engage(m, customer, "control", type, null);
    }

    private static EngagementLedger.Result engage(InMemoryMeasurement m, String customer, String arm,
            EngagementType type, String revenue) {
        return m.accept(engagement(EXP, customer, arm, SEG, type, revenue == null ? null : new BigDecimal(revenue)));
    }

    private static void assign(InMemoryMeasurement m, String customer) {
        m.accept(assignment(EXP, customer, "control", SEG));
    }

    private static Tally cell(InMemoryMeasurement m) {
        return cell(m, "control", SEG);
    }

    private static Tally cell(InMemoryMeasurement m, String arm, String segment) {
        Tally t = m.totals().get(new TallyKey(EXP, arm, segment));
        assertThat(t).as("cell %s/%s", arm, segment).isNotNull();
        return t;
    }

    @Test
    void fullFunnelInOrderCountsEachStepOnceWithoutImpliedSteps() {
        assign(normalize, "c1");
        assertThat(engage(normalize, "c1", EngagementType.OPENED).outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(engage(normalize, "c1", EngagementType.CLICKED).outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(engage(normalize, "c1", "control", EngagementType.CONVERTED, "25").outcome())
                .isEqualTo(Outcome.APPLIED);

        Tally t = cell(normalize);
        assertThat(t.assigned).isEqualTo(1);
        // The delivery is implied silently by the first step.
        assertThat(t.delivered).isEqualTo(1);
        assertThat(t.opened).isEqualTo(1);
        assertThat(t.clicked).isEqualTo(1);
        assertThat(t.converted).isEqualTo(1);
        assertThat(t.impliedOpens).isZero();
        assertThat(t.impliedClicks).isZero();
        assertThat(t.orphans).isZero();
        assertThat(t.events).isEqualTo(3);
        // 25, 25^2 = 625
        assertThat(t.revenueSum).isEqualTo(25.0);
        assertThat(t.revenueSumOfSquares).isEqualTo(625.0);
    }

    @Test
    void clickAloneImpliesAnOpenAndTheDelivery() {
        assign(normalize, "c1");
        assertThat(engage(normalize, "c1", EngagementType.CLICKED).outcome()).isEqualTo(Outcome.NORMALIZED);

        Tally t = cell(normalize);
        assertThat(t.delivered).isEqualTo(1);
        assertThat(t.opened).isEqualTo(1);
        assertThat(t.clicked).isEqualTo(1);
        assertThat(t.converted).isZero();
        assertThat(t.impliedOpens).isEqualTo(1);
        assertThat(t.impliedClicks).isZero();
    }

    @Test
    void conversionAloneImpliesOpenClickAndDelivery() {
        assign(normalize, "c1");
        assertThat(engage(normalize, "c1", "control", EngagementType.CONVERTED, "12.50").outcome())
                .isEqualTo(Outcome.NORMALIZED);

        Tally t = cell(normalize);
        assertThat(t.delivered).isEqualTo(1);
        assertThat(t.opened).isEqualTo(1);
        assertThat(t.clicked).isEqualTo(1);
        assertThat(t.converted).isEqualTo(1);
        assertThat(t.impliedOpens).isEqualTo(1);
        assertThat(t.impliedClicks).isEqualTo(1);
        assertThat(t.revenueSum).isEqualTo(12.5);
        assertThat(t.revenueSumOfSquares).isEqualTo(156.25);
    }

    @Test
    void deliveryAloneIsNotAnOpen() {
        assign(normalize, "c1");
        assertThat(engage(normalize, "c1", EngagementType.DELIVERED).outcome()).isEqualTo(Outcome.APPLIED);
        Tally t = cell(normalize);
        assertThat(t.delivered).isEqualTo(1);
        assertThat(t.opened).isZero();
        assertThat(t.impliedOpens).isZero();
    }

    @Test
    void aSecondOpenOfTheSameCustomerChangesNoCount() {
        assign(normalize, "c1");
        assertThat(engage(normalize, "c1", EngagementType.OPENED).outcome()).isEqualTo(Outcome.APPLIED);
        Tally before = cell(normalize).copy();

        assertThat(engage(normalize, "c1", EngagementType.OPENED).outcome()).isEqualTo(Outcome.NO_CHANGE);
        // A later delivery receipt changes nothing either.
        assertThat(engage(normalize, "c1", EngagementType.DELIVERED).outcome()).isEqualTo(Outcome.NO_CHANGE);

        Tally after = cell(normalize);
        assertThat(after.opened).isEqualTo(1);
        assertThat(after.delivered).isEqualTo(1);
        // Only the event counter moves: 1 + 2 applied events.
        assertThat(after.events).isEqualTo(3);
        after.events = before.events;
        assertThat(fields(after)).isEqualTo(fields(before));
    }

    @Test
    void twoConversionsOfOneCustomerAddRevenueButCountOneConverter() {
        assign(normalize, "c1");
        engage(normalize, "c1", "control", EngagementType.CONVERTED, "10");
        assertThat(engage(normalize, "c1", "control", EngagementType.CONVERTED, "30").outcome())
                .isEqualTo(Outcome.APPLIED);

        Tally t = cell(normalize);
        assertThat(t.converted).isEqualTo(1);
        // The customer's revenue is 10 + 30 = 40: sum 40, sum of squares 40^2 = 1600 (not 10^2 + 30^2 = 1000).
        assertThat(t.revenueSum).isEqualTo(40.0);
        assertThat(t.revenueSumOfSquares).isEqualTo(1600.0);
        // The second conversion implies nothing new.
        assertThat(t.impliedOpens).isEqualTo(1);
        assertThat(t.impliedClicks).isEqualTo(1);
    }

    @Test
    void participantKeepsTheNumberOfConversionsAndItsRevenue() {
        EngagementLedger ledger = new EngagementLedger(FunnelRule.NORMALIZE);
        TallyChanges changes = new TallyChanges();
        Participant p = ledger.newParticipant(EXP, "c1", "control", SEG);
        ledger.assign(p, "control", SEG, changes);
        ledger.engage(p, "control", EngagementType.CONVERTED, new BigDecimal("10"), changes);
        ledger.engage(p, "control", EngagementType.CONVERTED, new BigDecimal("30"), changes);
        // A conversion without revenue and one of 0 still count as conversions.
        ledger.engage(p, "control", EngagementType.CONVERTED, null, changes);
        ledger.engage(p, "control", EngagementType.CONVERTED, BigDecimal.ZERO, changes);

        assertThat(p.conversions()).isEqualTo(4);
        assertThat(p.revenue()).isEqualByComparingTo("40");
        assertThat(p.assigned()).isTrue();
        assertThat(p.converted()).isTrue();
        assertThat(p.dirty()).isTrue();
        Tally cell = changes.cell(p.key());
        assertThat(cell.revenueSum).isEqualTo(40.0);
        assertThat(cell.revenueSumOfSquares).isEqualTo(1600.0);
        assertThat(cell.converted).isEqualTo(1);
        assertThat(cell.events).isEqualTo(4);
    }

    @Test
    void revenueOfANonConversionStepIsIgnored() {
        assign(normalize, "c1");
        engage(normalize, "c1", "control", EngagementType.CLICKED, "99");
        assertThat(cell(normalize).revenueSum).isZero();
        assertThat(cell(normalize).revenueSumOfSquares).isZero();
    }

    @Test
    void rejectRuleRejectsAClickWithoutAnOpenAndLeavesStateUnchanged() {
        assign(reject, "c1");
        Tally before = cell(reject).copy();

        EngagementLedger.Result result = engage(reject, "c1", EngagementType.CLICKED);

        assertThat(result.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(result.reason()).contains("clicked").contains("opened");
        assertThat(reject.rejected()).isEqualTo(1);
        assertThat(fields(cell(reject))).isEqualTo(fields(before));
        // The customer's funnel is unchanged too: an open now is an ordinary, applied open.
        assertThat(engage(reject, "c1", EngagementType.OPENED).outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(cell(reject).opened).isEqualTo(1);
        assertThat(cell(reject).clicked).isZero();
    }

    @Test
    void rejectRuleRejectsAConversionWithoutAClickAndLeavesStateUnchanged() {
        assign(reject, "c1");
        engage(reject, "c1", EngagementType.OPENED);
        Tally before = cell(reject).copy();

        EngagementLedger.Result result = engage(reject, "c1", "control", EngagementType.CONVERTED, "50");

        assertThat(result.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(result.reason()).contains("converted").contains("clicked");
        assertThat(fields(cell(reject))).isEqualTo(fields(before));
        assertThat(cell(reject).converted).isZero();
        assertThat(cell(reject).revenueSum).isZero();
        assertThat(reject.rejected()).isEqualTo(1);
    }

    @Test
    void rejectRuleAcceptsTheCompleteFunnelWithoutImpliedSteps() {
        assign(reject, "c1");
        assertThat(engage(reject, "c1", EngagementType.OPENED).outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(engage(reject, "c1", EngagementType.CLICKED).outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(engage(reject, "c1", "control", EngagementType.CONVERTED, "5").outcome())
                .isEqualTo(Outcome.APPLIED);
        Tally t = cell(reject);
        assertThat(t.converted).isEqualTo(1);
        assertThat(t.impliedOpens).isZero();
        assertThat(t.impliedClicks).isZero();
        assertThat(reject.rejected()).isZero();
    }

    @Test
    void rejectedFirstStepOfAnUnknownCustomerMakesNoOrphan() {
        // Under REJECT a click of a customer never seen is rejected: no orphan is counted ...
        assertThat(engage(reject, "c1", EngagementType.CLICKED).outcome()).isEqualTo(Outcome.REJECTED);
        Tally t = reject.totals().get(new TallyKey(EXP, "control", SEG));
        assertThat(t == null ? 0 : t.orphans).isZero();
        // ... so its assignment must not take one away: assigned 1, orphans 0 (not -1).
        assign(reject, "c1");
        assertThat(cell(reject).assigned).isEqualTo(1);
        assertThat(cell(reject).orphans).isZero();
    }

    @Test
    void aStepNamingAnotherArmIsRejected() {
        assign(normalize, "c1");
        Tally before = cell(normalize).copy();

        EngagementLedger.Result result = engage(normalize, "c1", "urgent", EngagementType.OPENED, null);

        assertThat(result.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(result.reason()).contains("'urgent'").contains("'control'");
        assertThat(normalize.rejected()).isEqualTo(1);
        assertThat(fields(cell(normalize))).isEqualTo(fields(before));
        assertThat(normalize.totals()).doesNotContainKey(new TallyKey(EXP, "urgent", SEG));
    }

    @Test
    void engagementBeforeAssignmentIsAnOrphanUntilTheAssignmentArrives() {
        assertThat(engage(normalize, "c1", EngagementType.OPENED).outcome()).isEqualTo(Outcome.APPLIED);
        Tally t = cell(normalize);
        assertThat(t.orphans).isEqualTo(1);
        assertThat(t.assigned).isZero();
        // An orphan's steps stay on the participant until its assignment: no rate counts it.
        assertThat(t.delivered).isZero();
        assertThat(t.opened).isZero();
        assertThat(t.events).isEqualTo(1);

        // More engagement of the same orphan does not make a second orphan.
        engage(normalize, "c1", "control", EngagementType.CONVERTED, "10");
        engage(normalize, "c1", "control", EngagementType.CONVERTED, "30");
        t = cell(normalize);
        assertThat(t.orphans).isEqualTo(1);
        assertThat(t.converted).isZero();
        assertThat(t.revenueSum).isZero();
        // Its implied steps wait with it.
        assertThat(t.impliedClicks).isZero();

        assign(normalize, "c1");
        t = cell(normalize);
        assertThat(t.assigned).isEqualTo(1);
        assertThat(t.orphans).isZero();
        assertThat(t.delivered).isEqualTo(1);
        assertThat(t.opened).isEqualTo(1);
        assertThat(t.clicked).isEqualTo(1);
        assertThat(t.converted).isEqualTo(1);
        // revenue 10 + 30 = 40 arrives with the assignment: 40 and 1600
        assertThat(t.revenueSum).isEqualTo(40.0);
        assertThat(t.revenueSumOfSquares).isEqualTo(1600.0);
        assertThat(t.events).isEqualTo(3);
        assertThat(normalize.participants()).isEqualTo(1);

        // After the assignment, steps count at once.
        engage(normalize, "c1", "control", EngagementType.CONVERTED, "10");
        // 50, 2500
        assertThat(cell(normalize).revenueSum).isEqualTo(50.0);
        assertThat(cell(normalize).revenueSumOfSquares).isEqualTo(2500.0);
        assertThat(cell(normalize).converted).isEqualTo(1);
    }

    @Test
    void restoredOrphanLosesItsOrphanStatusOnAssignment() {
        EngagementLedger ledger = new EngagementLedger(FunnelRule.NORMALIZE);
        TallyChanges changes = new TallyChanges();
        Participant p = Participant.restore(EXP, "c1", "control", SEG, false, true, true, false, false, false, false, 0,
                null);
        assertThat(p.stored()).isTrue();
        assertThat(p.dirty()).isFalse();

        // A repeat open of a stored participant changes nothing but the event counter.
        assertThat(ledger.engage(p, "control", EngagementType.OPENED, null, changes).outcome())
                .isEqualTo(Outcome.NO_CHANGE);
        assertThat(changes.cell(p.key()).orphans).isZero();
        assertThat(changes.cell(p.key()).events).isEqualTo(1);

        assertThat(ledger.assign(p, "control", SEG, changes).outcome()).isEqualTo(Outcome.APPLIED);
        Tally change = changes.cell(p.key());
        // The batch's change: +1 assigned, -1 orphan (the stored orphan is counted in the stored totals).
        assertThat(change.assigned).isEqualTo(1);
        assertThat(change.orphans).isEqualTo(-1);
        // Its stored steps (delivered, opened) reach the cell with the assignment.
        assertThat(change.delivered).isEqualTo(1);
        assertThat(change.opened).isEqualTo(1);
        assertThat(change.clicked).isZero();
        assertThat(changes.nonZero()).containsOnlyKeys(p.key());
    }

    @Test
    void anOrphanMovesToItsAssignmentsArmAndSegmentWithItsImpliedSteps() {
        // Engagement first, naming no segment: an orphan in (urgent, unknown), its click implying the open.
        normalize.accept(engagement(EXP, "c1", "urgent", null, EngagementType.CLICKED, null));
        assertThat(normalize.totals().get(new TallyKey(EXP, "urgent", TallyKey.NO_SEGMENT)).orphans).isEqualTo(1);
        // The assignment says (urgent, SEG): the customer and all its steps are counted there, the orphan is gone.
        normalize.accept(assignment(EXP, "c1", "urgent", SEG));
        Tally unknown = normalize.totals().get(new TallyKey(EXP, "urgent", TallyKey.NO_SEGMENT));
        Tally assigned = normalize.totals().get(new TallyKey(EXP, "urgent", SEG));
        assertThat(unknown.orphans).isZero();
        assertThat(unknown.assigned + unknown.opened + unknown.clicked + unknown.impliedOpens).isZero();
        assertThat(assigned.assigned).isEqualTo(1);
        assertThat(assigned.opened).isEqualTo(1);
        assertThat(assigned.clicked).isEqualTo(1);
        assertThat(assigned.impliedOpens).isEqualTo(1);
    }

    @Test
    void aSecondAssignmentChangesNothing() {
        assertThat(normalize.accept(assignment(EXP, "c1", "control", SEG)).outcome()).isEqualTo(Outcome.APPLIED);
        Tally before = cell(normalize).copy();

        assertThat(normalize.accept(assignment(EXP, "c1", "control", SEG)).outcome())
                .isEqualTo(Outcome.NO_CHANGE);

        assertThat(cell(normalize).assigned).isEqualTo(1);
        assertThat(fields(cell(normalize))).isEqualTo(fields(before));
    }

    @Test
    void duplicateEventIdsAreIgnored() {
        assign(normalize, "c1");
        EngagementEvent conversion = engagement(EXP, "c1", "control", SEG, EngagementType.CONVERTED,
                new BigDecimal("20"));

        assertThat(normalize.accept(conversion)).isNotNull();
        Tally before = cell(normalize).copy();
        assertThat(normalize.accept(conversion)).isNull();
        assertThat(normalize.accept(conversion)).isNull();

        assertThat(normalize.duplicates()).isEqualTo(2);
        // Revenue not added again: 20 and 400, one event.
        assertThat(fields(cell(normalize))).isEqualTo(fields(before));
        assertThat(cell(normalize).revenueSum).isEqualTo(20.0);
        assertThat(cell(normalize).events).isEqualTo(1);
    }

    @Test
    void missingOrBlankSegmentBecomesUnknown() {
        normalize.accept(engagement(EXP, "c1", "control", null, EngagementType.OPENED, null));
        normalize.accept(engagement(EXP, "c2", "control", "  ", EngagementType.OPENED, null));

        Tally t = cell(normalize, "control", TallyKey.NO_SEGMENT);
        assertThat(TallyKey.NO_SEGMENT).isEqualTo("unknown");
        assertThat(t.orphans).isEqualTo(2);
        assertThat(t.events).isEqualTo(2);
        assertThat(normalize.totals()).containsOnlyKeys(new TallyKey(EXP, "control", "unknown"));
        assertThat(new TallyKey(EXP, "a", null).segmentId()).isEqualTo("unknown");
        assertThat(new TallyKey(EXP, "a", "").segmentId()).isEqualTo("unknown");
        assertThat(new Participant(EXP, "c", "a", " ").segmentId()).isEqualTo("unknown");
        assertThatThrownBy(() -> new TallyKey(EXP, " ", "s")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TallyKey(null, "a", "s")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void customersAreCountedPerExperimentAndCell() {
        normalize.accept(assignment(EXP, "c1", "control", SEG));
        normalize.accept(assignment(EXP, "c2", "control", "s2"));
        normalize.accept(assignment("exp-2", "c1", "urgent", SEG));

        assertThat(normalize.participants()).isEqualTo(3);
        assertThat(cell(normalize, "control", SEG).assigned).isEqualTo(1);
        assertThat(cell(normalize, "control", "s2").assigned).isEqualTo(1);
        assertThat(normalize.totals().get(new TallyKey("exp-2", "urgent", SEG)).assigned).isEqualTo(1);
    }

    @Test
    void revenueMeanAndVarianceOfACellAreOverAssignedCustomers() {
        // 4 customers, revenues 0, 0, 10, 30: mean 40/4 = 10;
        // sample variance ((0-10)^2 + (0-10)^2 + 0 + (30-10)^2) / 3 = (100+100+0+400)/3 = 200.
        for (String c : new String[]{"c1", "c2", "c3", "c4"}) {
            assign(normalize, c);
        }
        engage(normalize, "c3", "control", EngagementType.CONVERTED, "10");
        engage(normalize, "c4", "control", EngagementType.CONVERTED, "30");

        ArmAggregate a = cell(normalize).toArmAggregate();
        assertThat(a.n()).isEqualTo(4);
        assertThat(a.conversions()).isEqualTo(2);
        assertThat(a.opens()).isEqualTo(2);
        assertThat(a.clicks()).isEqualTo(2);
        assertThat(a.revenueSum()).isEqualTo(40.0);
        assertThat(a.revenueSumOfSquares()).isEqualTo(1000.0);
        assertThat(a.revenueMean()).isCloseTo(10.0, within(1e-12));
        assertThat(a.revenueVariance()).isCloseTo(200.0, within(1e-9));
    }

    @Test
    void revenueVarianceTreatsRepeatConversionsAsOneCustomerValue() {
        // 4 customers, one of them converts twice (10 then 30): per-customer revenues 40, 0, 0, 0.
        // mean 10; variance ((40-10)^2 + 3 * (0-10)^2) / 3 = (900 + 300) / 3 = 400
        // (a per-event sum of squares, 1000, would give (1000 - 400) / 3 = 200).
        for (String c : new String[]{"c1", "c2", "c3", "c4"}) {
            assign(normalize, c);
        }
        engage(normalize, "c1", "control", EngagementType.CONVERTED, "10");
        engage(normalize, "c1", "control", EngagementType.CONVERTED, "30");

        ArmAggregate a = cell(normalize).toArmAggregate();
        assertThat(a.conversions()).isEqualTo(1);
        assertThat(a.revenueMean()).isCloseTo(10.0, within(1e-12));
        assertThat(a.revenueVariance()).isCloseTo(400.0, within(1e-9));
    }

    @Test
    void tallyAddCopyAndZero() {
        Tally a = new Tally();
        assertThat(a.isZero()).isTrue();
        a.assigned = 3;
        a.opened = 2;
        a.revenueSum = 5.5;
        a.revenueSumOfSquares = 30.25;
        a.orphans = -1;
        Tally b = a.copy();
        assertThat(fields(b)).isEqualTo(fields(a));
        b.add(a);
        assertThat(b.assigned).isEqualTo(6);
        assertThat(b.opened).isEqualTo(4);
        assertThat(b.revenueSum).isEqualTo(11.0);
        assertThat(b.revenueSumOfSquares).isEqualTo(60.5);
        assertThat(b.orphans).isEqualTo(-2);
        assertThat(a.assigned).as("copy is independent").isEqualTo(3);
        assertThat(a.isZero()).isFalse();
    }

    @Test
    void changesThatCancelOutAreNotReported() {
        TallyChanges changes = new TallyChanges();
        TallyKey k1 = new TallyKey(EXP, "control", "s1");
        TallyKey k2 = new TallyKey(EXP, "control", "s2");
        changes.cell(k1).orphans++;
        changes.cell(k1).orphans--;
        changes.cell(k2).assigned++;
        assertThat(changes.nonZero()).containsOnlyKeys(k2);

        java.util.Map<TallyKey, Tally> totals = new java.util.HashMap<>();
        changes.applyTo(totals);
        changes.applyTo(totals);
        assertThat(totals.get(k2).assigned).isEqualTo(2);
        changes.clear();
        assertThat(changes.nonZero()).isEmpty();
    }
}
