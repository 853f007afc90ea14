package dev.cpo.experiment.assignment;

import java.util.Locale;

/** Why a treatment customer was sent the control message instead of the arm's variant. */
public enum FallbackReason {
    /** No variant of the arm's tone was screened for the customer. */
    VARIANT_MISSING,
    /** Every variant of the arm's tone failed the generator's own checks (and none was blocked). */
    VARIANT_INVALID,
    /** A variant of the arm's tone was blocked by the safety screen, and no variant of that tone was sendable. */
    VARIANT_BLOCKED;

    /**
     * @return the wire form, e.g. "variant-blocked" (for {@code AssignmentEvent.fallbackReason})
     */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
