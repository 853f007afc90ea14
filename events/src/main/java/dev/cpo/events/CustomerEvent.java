package dev.cpo.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A customer snapshot published by the CRM to {@value Topics#CUSTOMERS}: the full current state of one customer,
 * not a delta. Either aggregated {@code activity} or a non-empty {@code transactions} history (or both) is required;
 * {@link #effectiveActivity()} gives the aggregate either way.
 *
 * @param eventId unique id of this snapshot
 * @param schemaVersion {@value #SCHEMA_VERSION}
 * @param occurredAt when the CRM exported the snapshot
 * @param customerId the CRM's customer id; the Kafka key; non-blank, at most 128 characters
 * @param source the publishing system, e.g. "crm" (optional)
 * @param profile who the customer is (optional)
 * @param consent marketing consent (required)
 * @param activity aggregated purchase activity (required unless transactions are given)
 * @param transactions purchase history (required unless activity is given)
 */
public record CustomerEvent(UUID eventId, int schemaVersion, Instant occurredAt, String customerId, String source,
        CustomerProfile profile, Consent consent, Activity activity, List<Transaction> transactions)
        implements
            CpoEvent {

    /** The schema version this code writes. */
    public static final int SCHEMA_VERSION = 1;

    /** Checks the envelope, the required fields and the activity-or-transactions rule. */
    public CustomerEvent {
        Checks.envelope(eventId, schemaVersion, occurredAt, customerId);
        Checks.required("consent", consent);
        transactions = Checks.list("transactions", transactions);
        if (activity == null && transactions.isEmpty()) {
            throw InvalidFieldException.rule("at least one of 'activity' or a non-empty 'transactions' is required");
        }
    }

    /**
     * The customer's activity: {@link #activity()} when given, otherwise derived from {@link #transactions()}:
     * orderCount = distinct order ids with a positive amount, totalSpend = sum of all amounts (refunds included,
     * never below zero), first/last purchase = earliest/latest positive transaction, lastActivityAt = latest
     * transaction, currency unknown.
     *
     * @return never null
     */
    public Activity effectiveActivity() {
        if (activity != null) {
            return activity;
        }
        List<Transaction> purchases = transactions.stream().filter(t -> t.amount().signum() > 0).toList();
        int orderCount = (int) purchases.stream().map(Transaction::orderId).distinct().count();
        BigDecimal total = transactions.stream().map(Transaction::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        Instant first = purchases.stream().map(Transaction::occurredAt).min(Comparator.naturalOrder()).orElse(null);
        Instant last = purchases.stream().map(Transaction::occurredAt).max(Comparator.naturalOrder()).orElse(null);
        Instant lastActivity = transactions.stream().map(Transaction::occurredAt).filter(Objects::nonNull)
                .max(Comparator.naturalOrder()).orElse(null);
        return new Activity(lastActivity, first, last, orderCount, total.max(BigDecimal.ZERO), null);
    }
}
