package dev.cpo.cli.customers;

import java.util.ArrayList;
import java.util.List;

/**
 * What reading a whole input file gave: the valid rows, the bad lines and the counts the import summary reports.
 * Filled by a {@link TransactionFileReader}.
 */
public final class ParsedFile {

    private final ImportFormat format;
    private final List<CustomerRow> rows = new ArrayList<>();
    private final List<LineError> errors = new ArrayList<>();
    private final List<String> ignoredColumns = new ArrayList<>();
    long rowsRead;
    long rowsWithoutCustomerId;
    long cancellations;
    long refundRows;
    long duplicateRows;

    ParsedFile(ImportFormat format) {
        this.format = format;
    }

    void add(CustomerRow row) {
        rows.add(row);
        if (row.amount().signum() < 0) {
            refundRows++;
        }
    }

    void error(long line, String reason) {
        errors.add(new LineError(line, reason));
    }

    void ignoreColumn(String name) {
        ignoredColumns.add(name);
    }

    /** @return the format read */
    public ImportFormat format() {
        return format;
    }

    /** @return the valid rows with a customer id, in file order */
    public List<CustomerRow> rows() {
        return rows;
    }

    /** @return the bad lines, in file order */
    public List<LineError> errors() {
        return errors;
    }

    /** @return whether no line was bad */
    public boolean clean() {
        return errors.isEmpty();
    }

    /** @return data rows in the file (not the header, not blank lines), good or bad */
    public long rowsRead() {
        return rowsRead;
    }

    /** @return rows skipped because they have no customer id (counted, not errors) */
    public long rowsWithoutCustomerId() {
        return rowsWithoutCustomerId;
    }

    /** @return cancellation rows (online-retail: invoice id starting with C), with or without customer id */
    public long cancellations() {
        return cancellations;
    }

    /** @return imported rows with a negative amount (refunds and cancellations) */
    public long refundRows() {
        return refundRows;
    }

    /** @return rows dropped as exact duplicates of an earlier row (online-retail's overlapping export) */
    public long duplicateRows() {
        return duplicateRows;
    }

    /** @return header columns the csv format does not know (ignored) */
    public List<String> ignoredColumns() {
        return ignoredColumns;
    }
}
