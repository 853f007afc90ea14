package dev.cpo.testing.internal;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

/**
 * A tiny {@code /bin/sh} process that cleans up after a resource (a broker, a postmaster) once the JVM that started
 * it is gone, however it went: it blocks reading its standard input, a pipe from this JVM; when this JVM dies, even
 * by SIGKILL, the kernel closes the pipe, {@code cat} sees end of file and the script's cleanup runs. It ignores
 * SIGINT, SIGTERM, SIGHUP and SIGQUIT, so a Ctrl-C or a process-group kill does not take it away before it did its
 * job.
 *
 * <p>
 * On a normal close the owner {@link #disarm() disarms} it first (SIGKILL, which it cannot ignore) and then stops the
 * resource itself. Internal API of cpo-testing.
 */
public final class Watchdog {

    private static final Logger LOG = Logger.getLogger(Watchdog.class);

    /**
     * Shell functions available to every cleanup script.
     * <ul>
     * <li>{@code alive PID MARKER}: the process runs and its command line contains MARKER (so a pid reused by an
     * unrelated process, or a zombie that nobody reaped, counts as gone)</li>
     * <li>{@code stop PID MARKER SIGNAL TENTHS}: sends SIGNAL, waits up to TENTHS tenths of a second, then SIGKILL</li>
     * </ul>
     */
    private static final String FUNCTIONS = String.join("\n",
            "alive() {",
            "  kill -0 \"$1\" 2>/dev/null || return 1",
            "  [ -r \"/proc/$1/cmdline\" ] || return 0",
            "  tr '\\000' ' ' <\"/proc/$1/cmdline\" | grep -qF -- \"$2\"",
            "}",
            "stop() {",
            "  alive \"$1\" \"$2\" || return 0",
            "  kill -\"$3\" \"$1\" 2>/dev/null",
            "  i=0",
            "  while alive \"$1\" \"$2\" && [ \"$i\" -lt \"$4\" ]; do sleep 0.1; i=$((i + 1)); done",
            "  if alive \"$1\" \"$2\"; then kill -KILL \"$1\" 2>/dev/null; fi",
            "  return 0",
            "}",
            "");

    private final String name;
    private final Process process;

    private Watchdog(String name, Process process) {
        this.name = name;
        this.process = process;
    }

    /**
     * Whether watchdogs can run here ({@code /bin/sh} on a Unix-like system).
     *
     * @return true on Linux and other Unix-like systems with /bin/sh
     */
    public static boolean supported() {
        return !System.getProperty("os.name", "").toLowerCase().startsWith("windows")
                && new File("/bin/sh").canExecute();
    }

    /**
     * Starts a watchdog.
     *
     * @param name a short name for logs
     * @param cleanup the shell script run once this JVM is gone; it may use the functions {@code alive} and
     *        {@code stop} (see the class comment) and its positional parameters {@code $1..$n}
     * @param args the script's positional parameters (passed as arguments, so no quoting issues)
     * @return the armed watchdog, or null if watchdogs are not supported here (a warning is logged)
     */
    public static Watchdog start(String name, String cleanup, String... args) {
        if (!supported()) {
            LOG.warnf("No /bin/sh: %s is not protected against this JVM being killed", name);
            return null;
        }
        String script = "trap '' INT TERM HUP QUIT\n" + FUNCTIONS + "cat >/dev/null 2>&1\n" + cleanup + "\n";
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", script, "cpo-watchdog-" + name));
        command.addAll(Arrays.asList(args));
        try {
            Process process = new ProcessBuilder(command)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return new Watchdog(name, process);
        } catch (IOException e) {
            LOG.warnf(e, "Could not start the watchdog of %s: it is not protected against this JVM being killed", name);
            return null;
        }
    }

    /** The watchdog's pid, for diagnostics. */
    public long pid() {
        return process.pid();
    }

    /**
     * Disarms the watchdog (kills it without running its cleanup); the owner then stops the resource itself.
     */
    public void disarm() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                LOG.warnf("The watchdog of %s (pid %d) did not exit", name, process.pid());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
