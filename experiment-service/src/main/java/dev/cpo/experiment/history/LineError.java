package dev.cpo.experiment.history;

import java.util.Objects;

/**
 * A line of an import file that was rejected.
 *
 * @param line the 1-based line of the file (the header is line 1; a record spanning lines is reported at its first)
 * @param reason why, naming the column(s), e.g. {@code "column 'visit' must be 0 or 1"}; several problems of one
 *        line are joined with {@code "; "}. Reasons do not repeat the offending values.
 */
public record LineError(long line, String reason) {

    /** Checks the fields. */
    public LineError {
        if (line < 1) {
            throw new IllegalArgumentException("line must be at least 1");
        }
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
        return "line " + line + ": " + reason;
    }
}
