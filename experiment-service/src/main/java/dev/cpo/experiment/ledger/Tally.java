package dev.cpo.experiment.ledger;

import dev.cpo.experiment.stats.ArmAggregate;

/**
 * The running sums of one {@link TallyKey} cell, updated in O(1) per event; also used for the changes of one batch
 * (then fields may be negative, e.g. an orphan that got its assignment). Counts are of customers, not events.
 * Not thread-safe.
 */
public final class Tally {

    /** Customers assigned (the denominator of every rate). */
    public long assigned;
    /** Customers with a delivery (or a later step, which implies it). */
    public long delivered;
    /** Customers who opened (including implied opens). */
    public long opened;
    /** Customers who clicked (including implied clicks). */
    public long clicked;
    /** Customers who converted at least once. */
    public long converted;
    /** Sum over customers of their revenue. */
    public double revenueSum;
    /** Sum over customers of their revenue squared. */
    public double revenueSumOfSquares;
    /** Opens implied by a click or conversion without an open (the funnel normalisation). */
    public long impliedOpens;
    /** Clicks implied by a conversion without a click. */
    public long impliedClicks;
    /** Customers with engagement but (not yet) an assignment; not in {@link #assigned}. */
    public long orphans;
    /** Engagement events applied (duplicates excluded). */
    public long events;

    /**
     * @param other sums to add
     * @return this
     */
    public Tally add(Tally other) {
        assigned += other.assigned;
        delivered += other.delivered;
        opened += other.opened;
        clicked += other.clicked;
        converted += other.converted;
        revenueSum += other.revenueSum;
        revenueSumOfSquares += other.revenueSumOfSquares;
        impliedOpens += other.impliedOpens;
        impliedClicks += other.impliedClicks;
        orphans += other.orphans;
        events += other.events;
        return this;
    }

    /**
     * @return whether every field is zero (a batch that changed nothing in this cell)
     */
    public boolean isZero() {
        return assigned == 0 && delivered == 0 && opened == 0 && clicked == 0 && converted == 0 && revenueSum == 0
                && revenueSumOfSquares == 0 && impliedOpens == 0 && impliedClicks == 0 && orphans == 0
                && events == 0;
    }

    /**
     * @return the statistics engine's view: n = assigned customers
     */
    public ArmAggregate toArmAggregate() {
        // The ledger never counts a step of a customer outside n; the bounds only guard against hand-edited rows.
        return ArmAggregate.of(assigned, bounded(opened), bounded(clicked), bounded(converted), revenueSum,
                Math.max(0, revenueSumOfSquares));
    }

    private long bounded(long count) {
        return Math.max(0, Math.min(count, assigned));
    }

    /**
     * @return a copy
     */
    public Tally copy() {
        return new Tally().add(this);
    }

    @Override
    public String toString() {
        return "Tally[assigned=" + assigned + ", delivered=" + delivered + ", opened=" + opened + ", clicked="
                + clicked + ", converted=" + converted + ", revenueSum=" + revenueSum + ", impliedOpens="
                + impliedOpens + ", impliedClicks=" + impliedClicks + ", orphans=" + orphans + ", events=" + events
                + "]";
    }
}
