package dev.cpo.experiment.history;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A small streaming reader of comma-separated records after RFC 4180: fields separated by {@code ,}; a field may be
 * enclosed in double quotes, and then may contain commas, line breaks and doubled quotes ({@code ""} for one
 * {@code "}); records end at CRLF, LF or a lone CR (or the end of input). A final line break is optional.
 *
 * <p>Leniencies and checks beyond the RFC: a UTF-8 byte order mark before the first record is dropped; an empty line
 * (a record with no characters at all) is skipped, not returned; a quote inside an unquoted field, a character after
 * a closing quote, an unterminated quoted field and a record longer than {@code maxRecordChars} are reported as the
 * record's {@link CsvRecord#error()} (the record is still returned, so the caller can go on with the next one).
 *
 * <p>Not thread-safe. Does not close the reader.
 */
final class CsvRecordReader {

    /** Default upper bound on the characters of one record. */
    static final int DEFAULT_MAX_RECORD_CHARS = 100_000;

    private static final int EOF = -1;
    private static final char BOM = '\uFEFF';

    /**
     * One record.
     *
     * @param line the 1-based line of the input the record starts on
     * @param fields the fields, unquoted (never empty: a record has at least one field)
     * @param error why the record is malformed, or null if it is well-formed
     */
    record CsvRecord(long line, List<String> fields, String error) {
    }

    private final Reader in;
    private final int maxRecordChars;
    private final char[] buffer = new char[8192];
    private int position;
    private int limit;
    private int pushedBack = Integer.MIN_VALUE;
    private long line = 1;
    private boolean started;

    CsvRecordReader(Reader in) {
        this(in, DEFAULT_MAX_RECORD_CHARS);
    }

    CsvRecordReader(Reader in, int maxRecordChars) {
        this.in = Objects.requireNonNull(in, "in");
        if (maxRecordChars <= 0) {
            throw new IllegalArgumentException("maxRecordChars must be positive");
        }
        this.maxRecordChars = maxRecordChars;
    }

    /**
     * @return the next record, or null at the end of input
     * @throws IOException if the reader fails
     */
    CsvRecord next() throws IOException {
        int c = read();
        if (!started) {
            started = true;
            if (c == BOM) {
                c = read();
            }
        }
        while (c == '\r' || c == '\n') { // empty lines are skipped
            consumeLineBreak(c);
            c = read();
        }
        if (c == EOF) {
            return null;
        }
        long startLine = line;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        String error = null;
        long chars = 0;
        boolean inQuotes = false;
        boolean afterClosingQuote = false;
        boolean fieldWasQuoted = false;
        while (true) {
            if (inQuotes) {
                if (c == EOF) {
                    error = first(error, "malformed CSV: unterminated quoted field");
                    fields.add(field.toString());
                    return new CsvRecord(startLine, List.copyOf(fields), error);
                }
                if (c == '"') {
                    int following = read();
                    if (following == '"') {
                        chars = append(field, '"', chars);
                    } else {
                        inQuotes = false;
                        afterClosingQuote = true;
                        c = following;
                        continue;
                    }
                } else {
                    if (c == '\n' || c == '\r' && peek() != '\n') {
                        line++;
                    }
                    chars = append(field, (char) c, chars);
                }
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                afterClosingQuote = false;
                fieldWasQuoted = false;
            } else if (c == '\r' || c == '\n' || c == EOF) {
                if (c != EOF) {
                    consumeLineBreak(c);
                }
                fields.add(field.toString());
                if (chars > maxRecordChars) {
                    error = first(error, "malformed CSV: record longer than " + maxRecordChars + " characters");
                }
                return new CsvRecord(startLine, List.copyOf(fields), error);
            } else if (c == '"') {
                if (field.isEmpty() && !fieldWasQuoted && !afterClosingQuote) {
                    inQuotes = true;
                    fieldWasQuoted = true;
                } else {
                    error = first(error, "malformed CSV: quote inside an unquoted field");
                    chars = append(field, '"', chars);
                }
            } else {
                if (afterClosingQuote) {
                    error = first(error, "malformed CSV: text after a closing quote");
                }
                chars = append(field, (char) c, chars);
            }
            c = read();
        }
    }

    private long append(StringBuilder field, char c, long chars) {
        if (chars < maxRecordChars) {
            field.append(c);
        }
        return chars + 1;
    }

    private static String first(String existing, String error) {
        return existing != null ? existing : error;
    }

    /** Consumes a line break that started with {@code c} (CRLF counts once) and counts the line. */
    private void consumeLineBreak(int c) throws IOException {
        if (c == '\r') {
            int following = read();
            if (following != '\n') {
                unread(following);
            }
        }
        line++;
    }

    private int peek() throws IOException {
        int c = read();
        unread(c);
        return c;
    }

    private void unread(int c) {
        pushedBack = c;
    }

    private int read() throws IOException {
        if (pushedBack != Integer.MIN_VALUE) {
            int c = pushedBack;
            pushedBack = Integer.MIN_VALUE;
            return c;
        }
        if (position == limit) {
            int n;
            do {
                n = in.read(buffer, 0, buffer.length);
            } while (n == 0);
            if (n < 0) {
                return EOF;
            }
            position = 0;
            limit = n;
        }
        return buffer[position++];
    }
}
