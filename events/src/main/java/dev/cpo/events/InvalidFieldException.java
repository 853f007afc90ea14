package dev.cpo.events;

/**
 * Thrown by the event records' constructors when a field is missing or violates an invariant.
 *
 * <p>It is an {@link IllegalArgumentException}; its message names the field relative to the record that threw it
 * (e.g. {@code field 'totalSpend' must not be negative}). {@link EventCodec} prefixes the path of that record inside
 * the event (giving {@code field 'activity.totalSpend' must not be negative}). Messages never include field values.
 */
public class InvalidFieldException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String field;
    private final String problem;

    private InvalidFieldException(String field, String problem) {
        super(describe("", field, problem));
        this.field = field;
        this.problem = problem;
    }

    /**
     * @param field the missing field, relative to the record
     * @return an exception whose message is {@code missing required field '<field>'}
     */
    public static InvalidFieldException missing(String field) {
        return new InvalidFieldException(field, null);
    }

    /**
     * @param field the offending field, relative to the record
     * @param problem what is wrong, starting with a verb, e.g. {@code must not be negative}
     * @return an exception whose message is {@code field '<field>' <problem>}
     */
    public static InvalidFieldException invalid(String field, String problem) {
        return new InvalidFieldException(field, problem);
    }

    /**
     * @param problem a rule involving several fields, e.g. {@code at least one of 'activity' or 'transactions' is
     *        required}
     * @return an exception whose message is the problem
     */
    public static InvalidFieldException rule(String problem) {
        return new InvalidFieldException(null, problem);
    }

    /**
     * @return the field relative to the throwing record, or null for a rule spanning several fields
     */
    public String field() {
        return field;
    }

    /**
     * The reason with the path of the throwing record inside the event put in front of the field.
     *
     * @param recordPath path of the record that threw, e.g. {@code activity} or {@code transactions[2]}; empty for
     *        the event itself
     * @return e.g. {@code field 'activity.totalSpend' must not be negative}
     */
    public String reasonAt(String recordPath) {
        return describe(recordPath, field, problem);
    }

    private static String describe(String recordPath, String field, String problem) {
        String path = join(recordPath, field);
        if (problem == null) {
            return "missing required field '" + path + "'";
        }
        if (path.isEmpty()) {
            return problem;
        }
        if (field == null) {
            return "object '" + path + "': " + problem;
        }
        return "field '" + path + "' " + problem;
    }

    static String join(String prefix, String field) {
        if (prefix == null || prefix.isEmpty()) {
            return field == null ? "" : field;
        }
        if (field == null || field.isEmpty()) {
            return prefix;
        }
        return field.startsWith("[") ? prefix + field : prefix + "." + field;
    }
}
