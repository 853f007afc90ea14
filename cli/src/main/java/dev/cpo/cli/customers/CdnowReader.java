package dev.cpo.cli.customers;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;

/**
 * The CDNOW master file: whitespace separated {@code customer_id date number_of_cds dollar_value}, dates
 * {@code yyyyMMdd}, one order per row. Dates become midnight UTC (the dataset has no time nor zone). A row's order id
 * is {@code yyyyMMdd-n}, the n-th order of that customer on that day, so it depends on the content, not on the line.
 */
final class CdnowReader extends TransactionFileReader {

    static final String[] HEADER = {"customer_id", "date", "number_of_cds", "dollar_value"};

    private final Map<String, Integer> ordersPerCustomerDay = new HashMap<>();

    @Override
    public ImportFormat format() {
        return ImportFormat.CDNOW;
    }

    @Override
    protected void header(String line, long lineNumber) {
        String[] names = line.trim().split("\\s+");
        if (!java.util.Arrays.equals(names, HEADER)) {
            reject(lineNumber, "expected the header '" + String.join(" ", HEADER) + "'");
        }
    }

    @Override
    protected void row(String line, long lineNumber) {
        String[] fields = line.trim().split("\\s+");
        if (fields.length != HEADER.length) {
            reject(lineNumber, "expected 4 columns (" + String.join(" ", HEADER) + "), found " + fields.length);
            return;
        }
        String customerId = normaliseCustomerId(fields[0]);
        LocalDate date;
        try {
            date = LocalDate.parse(fields[1], DateTimeFormatter.BASIC_ISO_DATE);
        } catch (DateTimeParseException e) {
            reject(lineNumber, "date is not a yyyyMMdd date");
            return;
        }
        int cds;
        try {
            cds = Integer.parseInt(fields[2]);
        } catch (NumberFormatException e) {
            reject(lineNumber, "number_of_cds is not an integer");
            return;
        }
        if (cds < 0) {
            reject(lineNumber, "number_of_cds is negative");
            return;
        }
        BigDecimal amount;
        try {
            amount = new BigDecimal(fields[3]);
        } catch (NumberFormatException e) {
            reject(lineNumber, "dollar_value is not a number");
            return;
        }
        if (customerId == null) {
            withoutCustomerId();
            return;
        }
        String idProblem = customerIdProblem(customerId);
        if (idProblem != null) {
            reject(lineNumber, idProblem);
            return;
        }
        String day = date.format(DateTimeFormatter.BASIC_ISO_DATE);
        int n = ordersPerCustomerDay.merge(customerId + "/" + day, 1, Integer::sum);
        accept(CustomerRow.transaction(lineNumber, customerId, day + "-" + n,
                date.atStartOfDay(ZoneOffset.UTC).toInstant(), amount, cds, format().currency()));
    }
}
