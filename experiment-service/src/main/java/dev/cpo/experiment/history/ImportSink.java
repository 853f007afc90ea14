package dev.cpo.experiment.history;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Receives an import's results, one call per data record, in file order. An exception thrown by the sink stops the
 * import and propagates to the caller (that is how a caller aborts, e.g. on the first error).
 */
public interface ImportSink {

    /**
     * @param row the events of a valid row
     */
    void row(RowEvents row);

    /**
     * @param error a rejected line (also the header, as line 1); the import goes on with the next line, except after
     *        a header error, which ends it
     */
    void error(LineError error);

    /**
     * @param rows receives the valid rows
     * @param errors receives the rejected lines
     * @return a sink of the two
     */
    static ImportSink of(Consumer<RowEvents> rows, Consumer<LineError> errors) {
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(errors, "errors");
        return new ImportSink() {
            @Override
            public void row(RowEvents row) {
                rows.accept(row);
            }

            @Override
            public void error(LineError error) {
                errors.accept(error);
            }
        };
    }
}
