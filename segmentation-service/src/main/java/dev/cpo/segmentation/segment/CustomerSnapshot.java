package dev.cpo.segmentation.segment;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * What segmentation knows about one customer at a point in time: the CRM aggregates, without any personal data.
 *
 * @param customerId the CRM customer id
 * @param accountCreatedAt when the account was opened, if the CRM says
 * @param lastActivityAt the last activity of any kind (visit, open, purchase), if known
 * @param lastPurchaseAt the last purchase, or {@code null} if the customer never bought
 * @param orderCount the number of orders, never negative
 * @param totalSpend the total spend, never negative
 * @param tier the CRM loyalty tier, if any
 * @param emailConsent whether the customer agreed to marketing e-mail
 */
public record CustomerSnapshot(String customerId, Instant accountCreatedAt, Instant lastActivityAt,
        Instant lastPurchaseAt, int orderCount, BigDecimal totalSpend, String tier, boolean emailConsent) {
}
