package dev.cpo.cli;

import dev.cpo.cli.customers.ImportCustomersCommand;
import dev.cpo.cli.experiment.ImportExperimentCommand;
import dev.cpo.cli.metrics.MetricsCommand;
import dev.cpo.cli.tail.TailCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The CPO command line: {@code java -jar cpo-cli.jar <command>}. */
@Command(name = "cpo", mixinStandardHelpOptions = true, version = "cpo-cli 0.1.0",
        description = "CPO for CRM teams and ops: import customers and past experiments, tail topics, read metrics.",
        subcommands = {ImportCustomersCommand.class, ImportExperimentCommand.class, TailCommand.class,
                MetricsCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 ok, 1 bad input (nothing sent), 2 usage, 3 Kafka or service unavailable, "
                + "4 refused by the service."})
public final class Cpo implements java.util.concurrent.Callable<Integer> {

    @Spec
    CommandSpec spec;

    /**
     * @param args the command line
     */
    public static void main(String[] args) {
        quietKafkaLogs();
        System.exit(commandLine().execute(args));
    }

    /** @return the command line, ready to execute (also what the tests run) */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Cpo());
        commandLine.setExecutionExceptionHandler((e, cl, parsed) -> {
            cl.getErr().println("error: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            return ExitCodes.UNAVAILABLE;
        });
        return commandLine;
    }

    /**
     * The Kafka client logs through SLF4J (slf4j-simple here): only errors reach stderr, unless
     * {@code -Dorg.slf4j.simpleLogger.defaultLogLevel=info} asks for more.
     */
    static void quietKafkaLogs() {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
        }
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
    }

    /** Without a command: the usage, and exit code 2. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
