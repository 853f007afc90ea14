package dev.cpo.events;

import java.util.UUID;

/** An event produced by a pipeline stage in reaction to an input event. */
public interface CausedEvent extends CpoEvent {

    /**
     * The {@link #eventId()} of the input event that caused this one.
     *
     * @return the causing event's id, never null
     */
    UUID causationId();
}
