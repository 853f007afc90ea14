package dev.cpo.cli.customers;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One valid transaction row of an input file, normalised. Profile and consent fields are only read from the csv
 * format (null elsewhere and when blank).
 *
 * @param line the line number in the file
 * @param customerId normalised customer id
 * @param orderId the order (several rows may share it)
 * @param occurredAt when it happened
 * @param amount the amount, negative for a refund or cancellation
 * @param quantity number of items, or null
 * @param emailConsent the consent column, or null when absent or blank
 * @param country ISO 3166-1 alpha-2, upper case, or null
 * @param firstName given name, or null (personal data: never printed)
 * @param lastName family name, or null (personal data: never printed)
 * @param email e-mail address, or null (personal data: never printed)
 * @param currency ISO 4217 code, or null
 */
public record CustomerRow(long line, String customerId, String orderId, Instant occurredAt, BigDecimal amount,
        Integer quantity, Boolean emailConsent, String country, String firstName, String lastName, String email,
        String currency) {

    /** A row with transaction fields only. */
    static CustomerRow transaction(long line, String customerId, String orderId, Instant occurredAt,
            BigDecimal amount, Integer quantity, String currency) {
        return new CustomerRow(line, customerId, orderId, occurredAt, amount, quantity, null, null, null, null, null,
                currency);
    }

    @Override
    public String toString() {
        // Never the personal fields.
        return "CustomerRow[line=" + line + ", customerId=" + customerId + ", orderId=" + orderId + ", occurredAt="
                + occurredAt + ", amount=" + amount + "]";
    }
}
