package dev.cpo.experiment.assignment;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Whether a customer may be contacted, checked before assignment. A pure function of its inputs.
 *
 * <p>Rules, in this order (the first that applies is the reason):
 * <ol>
 * <li>{@link SkipReason#NO_CONSENT}: no e-mail consent.</li>
 * <li>{@link SkipReason#FREQUENCY_CAP}: last contacted less than {@code frequencyCap} before {@code now}; exactly
 * {@code frequencyCap} ago is allowed; never contacted (null) is allowed; a last contact after {@code now} (clock
 * skew) is within the cap.</li>
 * <li>{@link SkipReason#INACTIVE}: only when the inactivity rule is enabled ({@code maxInactiveDays} not null): more
 * than {@code maxInactiveDays} days since the last activity; exactly that many is allowed, and an unknown activity
 * (null) is not skipped.</li>
 * </ol>
 *
 * @param frequencyCap the minimum time between two contacts (positive; default 24 hours)
 * @param maxInactiveDays skip customers inactive for more than this many days; null disables the rule (default)
 */
public record ContactPolicy(Duration frequencyCap, Integer maxInactiveDays) {

    /** The default frequency cap. */
    public static final Duration DEFAULT_FREQUENCY_CAP = Duration.ofHours(24);

    /** Checks the fields. */
    public ContactPolicy {
        if (frequencyCap == null || frequencyCap.isNegative() || frequencyCap.isZero()) {
            throw new IllegalArgumentException("frequencyCap must be positive");
        }
        if (maxInactiveDays != null && maxInactiveDays < 0) {
            throw new IllegalArgumentException("maxInactiveDays must not be negative");
        }
    }

    /**
     * @return a 24 hour frequency cap, no inactivity rule
     */
    public static ContactPolicy defaults() {
        return new ContactPolicy(DEFAULT_FREQUENCY_CAP, null);
    }

    /**
     * @param days the maximum days of inactivity
     * @return this policy with the inactivity rule enabled
     */
    public ContactPolicy withMaxInactiveDays(int days) {
        return new ContactPolicy(frequencyCap, days);
    }

    /**
     * @param emailConsent whether the customer consented to e-mail
     * @param lastContactedAt when the customer was last contacted; null if never
     * @param now the current time (required)
     * @param daysSinceLastActivity days since the customer's last activity; null if unknown
     * @return allowed, or the skip reason
     */
    public ContactDecision evaluate(boolean emailConsent, Instant lastContactedAt, Instant now,
            Integer daysSinceLastActivity) {
        Objects.requireNonNull(now, "now");
        if (!emailConsent) {
            return ContactDecision.skip(SkipReason.NO_CONSENT);
        }
        if (lastContactedAt != null && Duration.between(lastContactedAt, now).compareTo(frequencyCap) < 0) {
            return ContactDecision.skip(SkipReason.FREQUENCY_CAP);
        }
        if (maxInactiveDays != null && daysSinceLastActivity != null && daysSinceLastActivity > maxInactiveDays) {
            return ContactDecision.skip(SkipReason.INACTIVE);
        }
        return ContactDecision.allow();
    }
}
