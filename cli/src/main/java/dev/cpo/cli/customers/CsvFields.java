package dev.cpo.cli.customers;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one CSV line (RFC 4180): comma separated, a field may be quoted with {@code "}, a quote inside a quoted
 * field is doubled. A quoted field cannot span lines (CRM exports rarely need it; such a line is reported).
 */
final class CsvFields {

    private CsvFields() {
    }

    /**
     * @param line one line without its line break
     * @return the fields, unquoted
     * @throws IllegalArgumentException with a reason when a quote is not closed or stray text follows one
     */
    static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        int n = line.length();
        while (true) {
            field.setLength(0);
            if (i < n && line.charAt(i) == '"') {
                i++;
                boolean closed = false;
                while (i < n) {
                    char c = line.charAt(i++);
                    if (c == '"') {
                        if (i < n && line.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            closed = true;
                            break;
                        }
                    } else {
                        field.append(c);
                    }
                }
                if (!closed) {
                    throw new IllegalArgumentException("a quoted field is not closed (fields cannot span lines)");
                }
                if (i < n && line.charAt(i) != ',') {
                    throw new IllegalArgumentException("text after a closing quote");
                }
            } else {
                while (i < n && line.charAt(i) != ',') {
                    field.append(line.charAt(i++));
                }
            }
            fields.add(field.toString());
            if (i >= n) {
                return fields;
            }
            i++; // the comma
        }
    }
}
