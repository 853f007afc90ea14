package dev.cpo.cli.customers;

/**
 * A bad line of an input file. The reason names the column and the rule, never the value (it may be personal data).
 *
 * @param line the 1-based line number in the file (the header is line 1)
 * @param reason why the line cannot be read, e.g. {@code amount is not a number}
 */
public record LineError(long line, String reason) {

    @Override
    public String toString() {
        return "line " + line + ": " + reason;
    }
}
