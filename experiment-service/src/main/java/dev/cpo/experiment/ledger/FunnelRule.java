package dev.cpo.experiment.ledger;

/**
 * What happens to an engagement step that skips the step before it: a click without an open, or a conversion
 * without a click. Opens are often not tracked (images blocked, privacy proxies), so a click is evidence of an open.
 */
public enum FunnelRule {
    /**
     * The default: the missing steps are implied and counted as such ({@code impliedOpens}, {@code impliedClicks}); a
     * click implies an open, a conversion implies a click and an open, every step implies the delivery.
     */
    NORMALIZE,
    /** The event is dead-lettered with the reason; the customer's funnel is unchanged. */
    REJECT
}
