package dev.cpo.cli.customers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a whole transaction file line by line into a {@link ParsedFile}: the first non-blank line is the header,
 * blank lines are ignored, every other line is a row that is either imported, skipped and counted (no customer id)
 * or reported as a {@link LineError} with its line number. Nothing stops at the first error: every bad line is
 * reported. One reader reads one file.
 */
public abstract class TransactionFileReader {

    /** The longest customer id the contract accepts. */
    static final int MAX_CUSTOMER_ID = 128;
    private static final Pattern DECIMAL_ID = Pattern.compile("(\\d+)\\.0*");

    private ParsedFile parsed;

    /** @return the format this reader reads */
    public abstract ImportFormat format();

    /**
     * Reads everything.
     *
     * @param in the file's text (CR LF or LF)
     * @return rows, errors and counts
     * @throws IOException when the text cannot be read
     */
    public ParsedFile read(Reader in) throws IOException {
        parsed = new ParsedFile(format());
        BufferedReader lines = in instanceof BufferedReader b ? b : new BufferedReader(in);
        boolean headerSeen = false;
        long lineNumber = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            lineNumber++;
            if (lineNumber == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.isBlank()) {
                continue;
            }
            if (!headerSeen) {
                headerSeen = true;
                header(line, lineNumber);
                continue;
            }
            parsed.rowsRead++;
            row(line, lineNumber);
        }
        if (!headerSeen) {
            parsed.error(1, "the file is empty: a header line is expected");
        }
        return parsed;
    }

    /**
     * Checks the header line (and learns the column order where the format allows any order).
     *
     * @param line the header
     * @param lineNumber its line number
     */
    protected abstract void header(String line, long lineNumber);

    /**
     * Reads one data line: calls {@link #accept}, {@link #withoutCustomerId()} or {@link #reject}.
     *
     * @param line the line
     * @param lineNumber its line number
     */
    protected abstract void row(String line, long lineNumber);

    /** @return what has been read so far */
    protected ParsedFile parsed() {
        return parsed;
    }

    /** Imports a valid row. */
    protected void accept(CustomerRow row) {
        parsed.add(row);
    }

    /** Counts a row without customer id (skipped, not an error). */
    protected void withoutCustomerId() {
        parsed.rowsWithoutCustomerId++;
    }

    /** Reports a bad line. */
    protected void reject(long lineNumber, String reason) {
        parsed.error(lineNumber, reason);
    }

    /**
     * Normalises a customer id: trimmed, and an integral decimal such as {@code 13085.0} (ids that went through a
     * spreadsheet) loses its fraction.
     *
     * @param raw the column
     * @return the id, or null when blank
     */
    static String normaliseCustomerId(String raw) {
        String id = raw == null ? "" : raw.trim();
        if (id.isEmpty()) {
            return null;
        }
        var m = DECIMAL_ID.matcher(id);
        return m.matches() ? m.group(1) : id;
    }

    /**
     * Checks the length of a customer id.
     *
     * @return the reason it is not acceptable, or null
     */
    static String customerIdProblem(String id) {
        return id.length() > MAX_CUSTOMER_ID ? "customer_id is longer than " + MAX_CUSTOMER_ID + " characters" : null;
    }

    /** Column names of a header, for error messages. */
    static String names(Map<String, Integer> columns) {
        return String.join(",", columns.keySet());
    }
}
