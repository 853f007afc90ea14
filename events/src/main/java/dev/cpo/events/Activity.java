package dev.cpo.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * The customer's aggregated purchase activity, as CRM exports usually carry it.
 *
 * @param lastActivityAt last login, visit or purchase (optional)
 * @param firstPurchaseAt first purchase (optional; absent for customers who never bought)
 * @param lastPurchaseAt latest purchase (optional; absent for customers who never bought)
 * @param orderCount number of orders, at least 0 (required)
 * @param totalSpend lifetime spend net of refunds, at least 0 (required)
 * @param currency ISO 4217 code of {@code totalSpend}, upper case (optional)
 */
public record Activity(Instant lastActivityAt, Instant firstPurchaseAt, Instant lastPurchaseAt, int orderCount,
        BigDecimal totalSpend, String currency) {

    static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    /** Checks the required fields and ranges. */
    public Activity {
        Checks.nonNegative("orderCount", orderCount);
        Checks.required("totalSpend", totalSpend);
        Checks.nonNegative("totalSpend", totalSpend);
        Checks.matches("currency", currency, CURRENCY, "an upper-case ISO 4217 code");
    }
}
