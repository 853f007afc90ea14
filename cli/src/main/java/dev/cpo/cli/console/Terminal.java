package dev.cpo.cli.console;

/** What the CLI knows about where its output goes. */
public final class Terminal {

    private Terminal() {
    }

    /**
     * Java 17 gives a console only when the JVM is attached to an interactive terminal (not when its output is
     * redirected to a file or a CI log).
     *
     * @return whether a human is probably watching the output
     */
    public static boolean isInteractive() {
        return System.console() != null;
    }
}
