package dev.cpo.segmentation.segment;

import dev.cpo.events.SegmentFeatures;
import java.time.Duration;
import java.time.Instant;

/**
 * Derives the features downstream agents need (recency, frequency, monetary value, activity, account age) from a
 * customer snapshot, as of a given instant. Pure and thread-safe.
 */
public final class FeatureExtractor {

    /**
     * @param customer the customer
     * @param now the instant the features are computed at
     * @return the features; day counts are whole days, never negative, {@code null} where the date is unknown
     */
    public SegmentFeatures extract(CustomerSnapshot customer, Instant now) {
        Instant lastActivity = latest(customer.lastActivityAt(), customer.lastPurchaseAt());
        return new SegmentFeatures(
                daysBetween(customer.lastPurchaseAt(), now),
                customer.orderCount(),
                customer.totalSpend(),
                daysBetween(lastActivity, now),
                daysBetween(customer.accountCreatedAt(), now),
                customer.tier(),
                customer.emailConsent());
    }

    static Integer daysBetween(Instant from, Instant to) {
        if (from == null) {
            return null;
        }
        long days = Duration.between(from, to).toDays();
        return (int) Math.max(0, Math.min(days, Integer.MAX_VALUE));
    }

    private static Instant latest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.isAfter(b) ? a : b;
    }
}
