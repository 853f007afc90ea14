package dev.cpo.cli.customers;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The generic CRM CSV: a header naming the columns in any order, {@code customer_id,order_id,occurred_at,amount}
 * required, {@code quantity,email_consent,country,first_name,last_name,email,currency} optional, other columns
 * ignored (and listed in the summary). See the module README for the rules of each column.
 */
final class CrmCsvReader extends TransactionFileReader {

    static final List<String> REQUIRED = List.of("customer_id", "order_id", "occurred_at", "amount");
    static final List<String> OPTIONAL = List.of("quantity", "email_consent", "country", "first_name", "last_name",
            "email", "currency");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Set<String> TRUE = Set.of("true");
    private static final Set<String> FALSE = Set.of("false");

    private final Map<String, Integer> columns = new LinkedHashMap<>();
    private final Map<String, String> currencyByCustomer = new HashMap<>();
    private boolean headerValid;

    @Override
    public ImportFormat format() {
        return ImportFormat.CSV;
    }

    @Override
    protected void header(String line, long lineNumber) {
        List<String> names;
        try {
            names = CsvFields.split(line);
        } catch (IllegalArgumentException e) {
            reject(lineNumber, "header: " + e.getMessage());
            return;
        }
        boolean ok = true;
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i).trim().toLowerCase(Locale.ROOT);
            if (!REQUIRED.contains(name) && !OPTIONAL.contains(name)) {
                parsed().ignoreColumn(name);
                continue;
            }
            if (columns.putIfAbsent(name, i) != null) {
                reject(lineNumber, "header: column " + name + " appears twice");
                ok = false;
            }
        }
        for (String required : REQUIRED) {
            if (!columns.containsKey(required)) {
                reject(lineNumber, "header: required column " + required + " is missing (required: "
                        + String.join(",", REQUIRED) + ")");
                ok = false;
            }
        }
        headerValid = ok;
    }

    @Override
    protected void row(String line, long lineNumber) {
        if (!headerValid) {
            return; // the header error says it all
        }
        List<String> fields;
        try {
            fields = CsvFields.split(line);
        } catch (IllegalArgumentException e) {
            reject(lineNumber, e.getMessage());
            return;
        }
        int needed = columns.values().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
        if (fields.size() < needed) {
            reject(lineNumber, "expected at least " + needed + " columns, found " + fields.size());
            return;
        }
        String orderId = text(fields, "order_id");
        if (orderId == null) {
            reject(lineNumber, "order_id is blank");
            return;
        }
        Instant occurredAt = timestamp(text(fields, "occurred_at"));
        if (occurredAt == null) {
            reject(lineNumber, "occurred_at is not an ISO-8601 timestamp with offset nor a yyyy-MM-dd date");
            return;
        }
        String amountText = text(fields, "amount");
        BigDecimal amount;
        try {
            amount = new BigDecimal(amountText == null ? "" : amountText);
        } catch (NumberFormatException e) {
            reject(lineNumber, amountText == null ? "amount is blank" : "amount is not a number");
            return;
        }
        Integer quantity = null;
        String quantityText = text(fields, "quantity");
        if (quantityText != null) {
            try {
                quantity = Integer.valueOf(quantityText);
            } catch (NumberFormatException e) {
                reject(lineNumber, "quantity is not an integer");
                return;
            }
        }
        Boolean consent = null;
        String consentText = text(fields, "email_consent");
        if (consentText != null) {
            String lower = consentText.toLowerCase(Locale.ROOT);
            if (TRUE.contains(lower)) {
                consent = true;
            } else if (FALSE.contains(lower)) {
                consent = false;
            } else {
                reject(lineNumber, "email_consent must be true, false or blank");
                return;
            }
        }
        String country = text(fields, "country");
        if (country != null) {
            country = country.toUpperCase(Locale.ROOT);
            if (!COUNTRY.matcher(country).matches()) {
                reject(lineNumber, "country is not an ISO 3166-1 alpha-2 code");
                return;
            }
        }
        String email = text(fields, "email");
        if (email != null && !EMAIL.matcher(email).matches()) {
            reject(lineNumber, "email is not an e-mail address");
            return;
        }
        String currency = text(fields, "currency");
        if (currency != null) {
            currency = currency.toUpperCase(Locale.ROOT);
            if (!CURRENCY.matcher(currency).matches()) {
                reject(lineNumber, "currency is not an ISO 4217 code");
                return;
            }
        }
        String customerId = normaliseCustomerId(text(fields, "customer_id"));
        if (customerId == null) {
            withoutCustomerId();
            return;
        }
        String idProblem = customerIdProblem(customerId);
        if (idProblem != null) {
            reject(lineNumber, idProblem);
            return;
        }
        if (currency != null) {
            String earlier = currencyByCustomer.putIfAbsent(customerId, currency);
            if (earlier != null && !earlier.equals(currency)) {
                reject(lineNumber, "currency differs from this customer's earlier rows (" + earlier + ")");
                return;
            }
        }
        accept(new CustomerRow(lineNumber, customerId, orderId, occurredAt, amount, quantity, consent, country,
                text(fields, "first_name"), text(fields, "last_name"), email, currency));
    }

    private String text(List<String> fields, String column) {
        Integer index = columns.get(column);
        if (index == null || index >= fields.size()) {
            return null;
        }
        String value = fields.get(index).trim();
        return value.isEmpty() ? null : value;
    }

    private static Instant timestamp(String text) {
        if (text == null) {
            return null;
        }
        if (DATE.matcher(text).matches()) {
            try {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
