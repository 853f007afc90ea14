package dev.cpo.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./cpo demo}: the whole pipeline on this machine, with a sample of real customers, from start to the
 * experiment's report, and everything stopped at the end (Ctrl-C too).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Starts Kafka, PostgreSQL, the five services and the engagement simulator, publishes the sample"
                + " customers, follows every stage and prints the experiment's results.")
public final class Demo implements Callable<Integer> {

    @Option(names = "--customers", defaultValue = "demo/customers.csv",
            description = "CRM transactions to publish (the cli's csv format; default: ${DEFAULT-VALUE})")
    Path customers;

    @Option(names = "--keep-running", description = "Leave everything running after the summary, until Ctrl-C.")
    boolean keepRunning;

    @Option(names = "--experiment", defaultValue = "tone-test", description = "The experiment to report on.")
    String experiment;

    @Option(names = "--timeout", defaultValue = "PT4M", description = "How long the stages may take (ISO-8601).")
    Duration timeout;

    @Option(names = "--root", defaultValue = ".", description = "The repository root.")
    Path root;

    private final PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        long started = System.nanoTime();
        Path file = DemoRun.resolve(root, customers);
        if (!Files.isReadable(file)) {
            out.println("cannot read " + file);
            return 2;
        }
        out.println("CPO demo: starting Kafka, PostgreSQL, five services and the engagement simulator");
        out.println("  providers: " + providers());
        Pipeline pipeline = Pipeline.start(root, true, Map.of(), out, Duration.ofMinutes(3));
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            out.println();
            out.println("Stopping everything...");
            pipeline.close();
            stopped.countDown();
        }, "cpo-demo-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            out.println("Publishing " + customers + " to customers");
            DemoRun.Outcome outcome = DemoRun.follow(pipeline,
                    (bootstrap, o) -> CustomerPublisher.publishCsv(file, bootstrap), out,
                    System.console() != null, timeout);
            out.println();
            Summary.print(out, pipeline, outcome, experiment);
            out.printf("%nWall time %.0f s (pipeline %.0f s).%n", (System.nanoTime() - started) / 1e9,
                    outcome.seconds());
            if (keepRunning) {
                out.println("Everything keeps running; Ctrl-C stops it all.");
                for (RunningService s : pipeline.services()) {
                    out.printf("  %-22s http://localhost:%d/q/swagger-ui%n", s.spec().name(), s.port());
                }
                out.println("  Kafka                  " + pipeline.bootstrapServers());
                out.println("  admin token            " + pipeline.adminToken());
                stopped.await();
                return 0;
            }
            return outcome.complete() ? 0 : 1;
        } finally {
            if (!keepRunning) {
                pipeline.close();
                Runtime.getRuntime().removeShutdownHook(hook);
            }
        }
    }

    private static String providers() {
        Map<String, String> env = System.getenv();
        return "retrieval " + env.getOrDefault("CPO_RETRIEVAL_PROVIDER", "lucene") + ", generation "
                + env.getOrDefault("CPO_GENERATION_PROVIDER", "local") + ", safety "
                + env.getOrDefault("CPO_SAFETY_PROVIDER", "local");
    }

    /**
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(new CommandLine(new Demo()).execute(args));
    }

}
