package dev.cpo.cli.customers;

import dev.cpo.events.Activity;
import dev.cpo.events.Consent;
import dev.cpo.events.CustomerEvent;
import dev.cpo.events.CustomerProfile;
import dev.cpo.events.EventCodec;
import dev.cpo.events.EventIds;
import dev.cpo.events.Transaction;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns the rows of a customer into one full-snapshot {@link CustomerEvent}: every transaction (sorted by time),
 * the aggregated {@code activity} by the contract's rules ({@link CustomerEvent#effectiveActivity()}: order count =
 * distinct orders with a positive amount, total spend = sum including refunds and never below 0, first/last purchase
 * = earliest/latest positive transaction, last activity = latest transaction) plus the currency, the consent and,
 * for csv, the profile.
 *
 * <p>The event id is deterministic: a name-based UUID ({@link EventIds#derive}) of the format, the customer id and
 * the SHA-256 of the snapshot's content without id and time. A re-run of the same file re-uses the ids, so consumers
 * drop the duplicates; a changed customer (a new order, a withdrawn consent) gets a new id.
 *
 * <p>A snapshot larger than {@code maxEventBytes} keeps only its latest transactions (halving until it fits); the
 * activity still covers all of them.
 */
public final class CustomerSnapshots {

    /** The root of every id this importer derives. */
    public static final UUID ID_ROOT = UUID.fromString("3b0e6a52-7d41-4c8e-9a55-6f2c1d9e8b70");
    /** The {@code source} of every snapshot. */
    public static final String SOURCE = "cpo-cli";
    /** segmentation-service's default payload limit ({@code cpo.segmentation.intake.max-payload-bytes}). */
    public static final int DEFAULT_MAX_EVENT_BYTES = 65536;

    private static final UUID NIL = new UUID(0, 0);
    private static final Comparator<CustomerRow> BY_TIME = Comparator.comparing(CustomerRow::occurredAt)
            .thenComparingLong(CustomerRow::line);

    private final ImportFormat format;
    private final ConsentPolicy consentPolicy;
    private final Instant asOf;
    private final int maxEventBytes;

    /**
     * @param format the file's format
     * @param consentPolicy synthetic consent for formats without consent (ignored for csv)
     * @param asOf the snapshot time ({@code occurredAt})
     * @param maxEventBytes the largest encoded event
     */
    public CustomerSnapshots(ImportFormat format, ConsentPolicy consentPolicy, Instant asOf, int maxEventBytes) {
        this.format = format;
        this.consentPolicy = consentPolicy;
        this.asOf = asOf;
        this.maxEventBytes = maxEventBytes;
    }

    /**
     * One built snapshot.
     *
     * @param event the event
     * @param json its encoding, what is sent
     * @param trimmed whether older transactions were left out to fit the size limit
     */
    public record Snapshot(CustomerEvent event, byte[] json, boolean trimmed) {
    }

    /**
     * Groups rows by customer.
     *
     * @param rows rows in file order
     * @return each customer's rows, customers in order of first appearance
     */
    public static Map<String, List<CustomerRow>> byCustomer(List<CustomerRow> rows) {
        Map<String, List<CustomerRow>> groups = new LinkedHashMap<>();
        for (CustomerRow row : rows) {
            groups.computeIfAbsent(row.customerId(), k -> new ArrayList<>()).add(row);
        }
        return groups;
    }

    /**
     * Builds a customer's snapshot.
     *
     * @param customerId the customer
     * @param rows the customer's rows (at least one)
     * @return the snapshot
     * @throws dev.cpo.events.InvalidEventException when the contract rejects it (a bug: rows are validated)
     */
    public Snapshot build(String customerId, List<CustomerRow> rows) {
        List<CustomerRow> sorted = new ArrayList<>(rows);
        sorted.sort(BY_TIME);
        List<Transaction> transactions = sorted.stream()
                .map(r -> new Transaction(r.orderId(), r.occurredAt(), r.amount(), r.quantity())).toList();
        Consent consent = new Consent(consent(customerId, sorted), null);
        Activity derived = new CustomerEvent(NIL, CustomerEvent.SCHEMA_VERSION, asOf, customerId, SOURCE, null,
                consent, null, transactions).effectiveActivity();
        Activity activity = new Activity(derived.lastActivityAt(), derived.firstPurchaseAt(),
                derived.lastPurchaseAt(), derived.orderCount(), derived.totalSpend(), currency(sorted));
        CustomerProfile profile = profile(sorted);

        List<Transaction> kept = transactions;
        boolean trimmed = false;
        while (true) {
            CustomerEvent content = new CustomerEvent(NIL, CustomerEvent.SCHEMA_VERSION, Instant.EPOCH, customerId,
                    SOURCE, profile, consent, activity, kept);
            UUID id = EventIds.derive(ID_ROOT,
                    format.id() + "/" + customerId + "/" + sha256(EventCodec.encode(content)));
            CustomerEvent event = new CustomerEvent(id, CustomerEvent.SCHEMA_VERSION, asOf, customerId, SOURCE,
                    profile, consent, activity, kept);
            byte[] json = EventCodec.encode(event);
            if (json.length <= maxEventBytes || kept.isEmpty()) {
                return new Snapshot(event, json, trimmed);
            }
            kept = List.copyOf(kept.subList(kept.size() / 2, kept.size()));
            trimmed = true;
        }
    }

    private boolean consent(String customerId, List<CustomerRow> sortedRows) {
        if (format.syntheticConsent()) {
            return consentPolicy.consents(customerId);
        }
        // The last non-blank email_consent in time order; none means false: consent is never guessed.
        Boolean latest = null;
        for (CustomerRow row : sortedRows) {
            if (row.emailConsent() != null) {
                latest = row.emailConsent();
            }
        }
        return Boolean.TRUE.equals(latest);
    }

    private String currency(List<CustomerRow> rows) {
        if (format.currency() != null) {
            return format.currency();
        }
        return rows.stream().map(CustomerRow::currency).filter(c -> c != null).findFirst().orElse(null);
    }

    private static CustomerProfile profile(List<CustomerRow> sortedRows) {
        String firstName = null;
        String lastName = null;
        String email = null;
        String country = null;
        for (CustomerRow row : sortedRows) {
            firstName = row.firstName() != null ? row.firstName() : firstName;
            lastName = row.lastName() != null ? row.lastName() : lastName;
            email = row.email() != null ? row.email() : email;
            country = row.country() != null ? row.country() : country;
        }
        if (firstName == null && lastName == null && email == null && country == null) {
            return null;
        }
        return new CustomerProfile(firstName, lastName, email, country, null, null, null);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
