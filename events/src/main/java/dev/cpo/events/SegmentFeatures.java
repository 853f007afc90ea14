package dev.cpo.events;

import java.math.BigDecimal;

/**
 * The de-identified features a segment was assigned from. Never carries name or e-mail.
 *
 * @param recencyDays days since the last purchase; null if the customer never bought
 * @param frequency number of orders, at least 0 (required)
 * @param monetary lifetime spend, at least 0 (required)
 * @param daysSinceLastActivity days since the last activity; null if unknown
 * @param accountAgeDays days since the account was created; null if unknown
 * @param tier loyalty tier (optional)
 * @param emailConsent whether the customer may be e-mailed (required)
 */
public record SegmentFeatures(Integer recencyDays, int frequency, BigDecimal monetary, Integer daysSinceLastActivity,
        Integer accountAgeDays, String tier, boolean emailConsent) {

    /** Checks the required fields and that counts are not negative. */
    public SegmentFeatures {
        Checks.nonNegative("recencyDays", recencyDays);
        Checks.nonNegative("frequency", frequency);
        Checks.required("monetary", monetary);
        Checks.nonNegative("monetary", monetary);
        Checks.nonNegative("daysSinceLastActivity", daysSinceLastActivity);
        Checks.nonNegative("accountAgeDays", accountAgeDays);
    }
}
