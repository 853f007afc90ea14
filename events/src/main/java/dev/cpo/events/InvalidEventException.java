package dev.cpo.events;

/**
 * An event payload that cannot be decoded: empty, not JSON, missing or ill-typed fields, or a violated invariant.
 *
 * <p>{@link #reason()} is short, human readable and names the field path (e.g.
 * {@code field 'activity.orderCount' must be an integer}). It never quotes field values, so it is safe to log and
 * to put into a dead-letter header. For the same reason Jackson's own exception, whose message may quote payload
 * values, is not attached as the cause.
 */
public class InvalidEventException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String reason;

    /**
     * @param reason the short, value-free reason
     */
    public InvalidEventException(String reason) {
        super(reason);
        this.reason = reason;
    }

    /**
     * @param reason the short, value-free reason
     * @param cause a cause whose message is itself value-free
     */
    public InvalidEventException(String reason, Throwable cause) {
        super(reason, cause);
        this.reason = reason;
    }

    /**
     * @return the short, human readable, value-free reason naming the field path
     */
    public String reason() {
        return reason;
    }
}
