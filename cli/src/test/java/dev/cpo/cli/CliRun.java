package dev.cpo.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * Runs the CLI in-process and captures what it prints.
 *
 * @param exitCode the exit code
 * @param out standard output
 * @param err standard error
 */
public record CliRun(int exitCode, String out, String err) {

    /**
     * @param args the command line
     * @return what happened
     */
    public static CliRun run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Cpo.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** @return both streams, for assertions on the whole output */
    public String all() {
        return out + err;
    }
}
