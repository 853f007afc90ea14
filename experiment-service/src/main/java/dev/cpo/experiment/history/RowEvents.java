package dev.cpo.experiment.history;

import dev.cpo.events.AssignmentEvent;
import dev.cpo.events.EngagementEvent;
import java.util.List;
import java.util.Objects;

/**
 * The events of one valid data row of an imported experiment.
 *
 * @param line the 1-based line of the file the row starts on (the header is line 1)
 * @param assignment the row's assignment (required)
 * @param engagement the row's engagement events, in time order (unmodifiable; empty if the customer did nothing)
 */
public record RowEvents(long line, AssignmentEvent assignment, List<EngagementEvent> engagement) {

    /** Checks the fields and copies the list. */
    public RowEvents {
        if (line < 1) {
            throw new IllegalArgumentException("line must be at least 1");
        }
        Objects.requireNonNull(assignment, "assignment");
        engagement = List.copyOf(engagement);
    }
}
