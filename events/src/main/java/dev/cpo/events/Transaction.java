package dev.cpo.events;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One order line or refund from the CRM's transaction history.
 *
 * @param orderId the order this belongs to (required); several lines may share it
 * @param occurredAt when it happened (required)
 * @param amount the amount, negative for a refund (required)
 * @param quantity number of items (optional)
 */
public record Transaction(String orderId, Instant occurredAt, BigDecimal amount, Integer quantity) {

    /** Checks the required fields. */
    public Transaction {
        Checks.nonBlank("orderId", orderId);
        Checks.required("occurredAt", occurredAt);
        Checks.required("amount", amount);
    }
}
