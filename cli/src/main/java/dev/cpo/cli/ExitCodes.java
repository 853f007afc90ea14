package dev.cpo.cli;

/**
 * The exit codes of every command, documented in the module README. Usage errors (unknown option, missing argument)
 * exit with picocli's {@code 2}.
 */
public final class ExitCodes {

    /** Done. */
    public static final int OK = 0;
    /** The input is bad (line errors, an unreadable file, a rejected upload): nothing was sent. */
    public static final int BAD_INPUT = 1;
    /** Wrong command line: unknown option, missing or malformed argument. */
    public static final int USAGE = 2;
    /** Kafka or the service could not be reached, or sending failed midway; re-running is safe. */
    public static final int UNAVAILABLE = 3;
    /** The service refused the request: not authorised, unknown experiment, conflict. */
    public static final int REFUSED = 4;

    private ExitCodes() {
    }
}
