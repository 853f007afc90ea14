package dev.cpo.cli.customers;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * UCI Online Retail II rolled up per invoice: {@code invoice_id, invoice_date (M/d/yy H:mm), customer_id,
 * domestic_sale, item_types_purchased, total_quantity, total_price}.
 * <ul>
 * <li>Times are the UK retailer's local time: read in Europe/London.</li>
 * <li>{@code total_price} is rounded to pence (the roll-up left float noise such as {@code 145.79999999999998}).</li>
 * <li>An invoice id starting with {@code C} is a cancellation: a refund of that customer (negative amount, positive
 * quantity), counted.</li>
 * <li>A row without customer id is skipped and counted.</li>
 * <li>The source's two yearly sheets overlap (December 2010): a row equal to an earlier one after rounding (same
 * invoice, date, customer, quantity and amount) is dropped and counted as a duplicate, so spend is not doubled.</li>
 * </ul>
 */
final class OnlineRetailReader extends TransactionFileReader {

    static final List<String> HEADER = List.of("invoice_id", "invoice_date", "customer_id", "domestic_sale",
            "item_types_purchased", "total_quantity", "total_price");
    static final ZoneId ZONE = ZoneId.of("Europe/London");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("M/d/yy H:mm", Locale.ROOT);

    private final Set<String> seen = new HashSet<>();

    @Override
    public ImportFormat format() {
        return ImportFormat.ONLINE_RETAIL;
    }

    @Override
    protected void header(String line, long lineNumber) {
        List<String> names = CsvFields.split(line).stream().map(s -> s.trim().toLowerCase(Locale.ROOT)).toList();
        if (!names.equals(HEADER)) {
            reject(lineNumber, "expected the header '" + String.join(",", HEADER) + "'");
        }
    }

    @Override
    protected void row(String line, long lineNumber) {
        List<String> fields;
        try {
            fields = CsvFields.split(line);
        } catch (IllegalArgumentException e) {
            reject(lineNumber, e.getMessage());
            return;
        }
        if (fields.size() != HEADER.size()) {
            reject(lineNumber, "expected " + HEADER.size() + " columns, found " + fields.size());
            return;
        }
        String invoice = fields.get(0).trim();
        if (invoice.isEmpty()) {
            reject(lineNumber, "invoice_id is blank");
            return;
        }
        boolean cancellation = invoice.startsWith("C");
        LocalDateTime date;
        try {
            date = LocalDateTime.parse(fields.get(1).trim(), DATE);
        } catch (DateTimeParseException e) {
            reject(lineNumber, "invoice_date is not a M/d/yy H:mm date");
            return;
        }
        int quantity;
        try {
            quantity = Integer.parseInt(fields.get(5).trim());
        } catch (NumberFormatException e) {
            reject(lineNumber, "total_quantity is not an integer");
            return;
        }
        BigDecimal amount;
        try {
            amount = new BigDecimal(fields.get(6).trim()).setScale(2, RoundingMode.HALF_UP);
        } catch (NumberFormatException e) {
            reject(lineNumber, "total_price is not a number");
            return;
        }
        if (cancellation) {
            parsed().cancellations++;
        }
        String customerId = normaliseCustomerId(fields.get(2));
        if (customerId == null) {
            withoutCustomerId();
            return;
        }
        String idProblem = customerIdProblem(customerId);
        if (idProblem != null) {
            reject(lineNumber, idProblem);
            return;
        }
        if (cancellation) {
            amount = amount.abs().negate();
            quantity = Math.abs(quantity);
        }
        if (!seen.add(invoice + '|' + date + '|' + customerId + '|' + quantity + '|' + amount)) {
            parsed().duplicateRows++;
            return;
        }
        accept(CustomerRow.transaction(lineNumber, customerId, invoice, date.atZone(ZONE).toInstant(), amount,
                quantity, format().currency()));
    }
}
