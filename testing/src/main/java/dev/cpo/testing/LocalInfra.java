package dev.cpo.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;

import dev.cpo.testing.internal.Support;
import dev.cpo.testing.kafka.KafkaBroker;
import dev.cpo.testing.postgres.PostgresServer;

/**
 * Local infrastructure for running the services by hand: a Kafka broker with the pipeline topics and a PostgreSQL
 * server with the given databases, started with the same launchers as the tests.
 *
 * <p>
 * Prints {@code KEY=value} lines on stdout (the same variables the test resources honour, so
 * {@code eval "$(...)"} points tests and services at it) and one human line starting with {@code #}; logs go to
 * stderr. Runs until stdin closes, Ctrl-C or SIGTERM, then stops both.
 *
 * <pre>
 * ./mvnw -q -pl testing -am install -DskipTests &amp;&amp; ./mvnw -q -pl testing exec:java
 * ./mvnw -q -pl testing exec:java -Dexec.args="--kafka-port 9092 --postgres-port 5432 --data-dir .cpo/infra"
 * </pre>
 */
public final class LocalInfra {

    static final String USAGE = String.join("\n",
            "Usage: LocalInfra [options]",
            "  --kafka-port N       Kafka client port on 127.0.0.1 (default 0: a free port)",
            "  --postgres-port N    PostgreSQL port on 127.0.0.1 (default 0: a free port)",
            "  --data-dir DIR       keep Kafka's and PostgreSQL's data in DIR/kafka and DIR/postgres across runs",
            "                       (default: temporary, deleted on exit)",
            "  --databases a,b,c    databases to create (default: cpo)",
            "  --partitions N       partitions of each pipeline topic (default 6)",
            "  --topics x,y         more topics to create",
            "  --no-stdin           do not stop when stdin closes (stop on Ctrl-C or SIGTERM only)",
            "  --help               this text");

    /**
     * Strongly held (java.util.logging forgets the level of a logger that was garbage collected); set in main, after
     * the log manager is chosen.
     */
    private static List<java.util.logging.Logger> quietLoggers = List.of();

    private LocalInfra() {
    }

    /** Parsed command line. */
    static final class Options {
        int kafkaPort;
        int postgresPort;
        Path dataDir;
        List<String> databases = List.of(PostgresResource.DEFAULT_DATABASE);
        int partitions = 6;
        List<String> topics = List.of();
        boolean watchStdin = true;
        boolean help;

        static Options parse(String... args) {
            Options options = new Options();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                String value = null;
                int equals = arg.indexOf('=');
                if (arg.startsWith("--") && equals > 0) {
                    value = arg.substring(equals + 1);
                    arg = arg.substring(0, equals);
                }
                switch (arg) {
                    case "--help" :
                    case "-h" :
                        options.help = true;
                        break;
                    case "--no-stdin" :
                        options.watchStdin = false;
                        break;
                    case "--kafka-port" :
                        options.kafkaPort = port(arg, value != null ? value : next(args, ++i, arg));
                        break;
                    case "--postgres-port" :
                        options.postgresPort = port(arg, value != null ? value : next(args, ++i, arg));
                        break;
                    case "--data-dir" :
                        options.dataDir = Paths.get(value != null ? value : next(args, ++i, arg)).toAbsolutePath();
                        break;
                    case "--databases" :
                        options.databases = list(value != null ? value : next(args, ++i, arg));
                        break;
                    case "--topics" :
                        options.topics = list(value != null ? value : next(args, ++i, arg));
                        break;
                    case "--partitions" :
                        options.partitions = number(arg, value != null ? value : next(args, ++i, arg), 1, 10_000);
                        break;
                    default :
                        throw new IllegalArgumentException("Unknown option " + arg + "\n" + USAGE);
                }
            }
            if (options.databases.isEmpty()) {
                throw new IllegalArgumentException("--databases needs at least one name");
            }
            return options;
        }

        private static String next(String[] args, int index, String option) {
            if (index >= args.length) {
                throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
            }
            return args[index];
        }

        private static int port(String option, String value) {
            return number(option, value, 0, 65535);
        }

        private static int number(String option, String value, int min, int max) {
            try {
                int number = Integer.parseInt(value.trim());
                if (number < min || number > max) {
                    throw new IllegalArgumentException(option + " must be between " + min + " and " + max);
                }
                return number;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " needs a number, got " + value);
            }
        }

        private static List<String> list(String value) {
            Set<String> names = new LinkedHashSet<>();
            for (String name : value.split(",")) {
                if (!name.isBlank()) {
                    names.add(name.trim());
                }
            }
            return List.copyOf(names);
        }
    }

    /**
     * Starts Kafka and PostgreSQL and waits for stdin to close, Ctrl-C or SIGTERM.
     *
     * @param args see {@link #USAGE}
     * @throws InterruptedException if interrupted while waiting
     */
    public static void main(String[] args) throws InterruptedException {
        configureLogging();
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (options.help) {
            System.out.println(USAGE);
            return;
        }
        try {
            run(options, System.in, System.out);
        } catch (RuntimeException e) {
            System.err.println("LocalInfra failed: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Log lines to stderr (stdout carries only the KEY=value lines), without the clients' chatter. */
    private static void configureLogging() {
        if (System.getProperty("java.util.logging.manager") == null) {
            // Before anything logs: kafka-clients logs through slf4j into JBoss LogManager, which wants to be the
            // java.util.logging manager (as in Quarkus tests).
            System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
        }
        if (LogManager.getLogManager().getClass().getName().startsWith("org.jboss.logmanager")) {
            // Quarkus's bootstrap installs a handler that buffers until a Quarkus application configures logging,
            // which never happens here: log straight to stderr instead.
            java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
            for (Handler handler : root.getHandlers()) {
                root.removeHandler(handler);
            }
            root.addHandler(new ConsoleHandler());
        }
        quietLoggers = List.of(java.util.logging.Logger.getLogger("org.apache.kafka"),
                java.util.logging.Logger.getLogger("io.zonky"));
        for (java.util.logging.Logger chatty : quietLoggers) {
            chatty.setLevel(Level.WARNING);
        }
    }

    static void run(Options options, InputStream stdin, PrintStream out) throws InterruptedException {
        long started = System.nanoTime();
        // Both at once: the broker's JVM and initdb overlap nicely on two cores.
        CompletableFuture<PostgresServer> postgresStart = CompletableFuture.supplyAsync(() -> {
            PostgresServer server = PostgresServer.start(PostgresServer.options().port(options.postgresPort)
                    .dataDir(options.dataDir == null ? null : options.dataDir.resolve("postgres")));
            options.databases.forEach(server::createDatabase);
            return server;
        });
        KafkaBroker kafka;
        PostgresServer postgres;
        List<String> topics = new ArrayList<>(PipelineTopics.all());
        topics.addAll(options.topics);
        try {
            kafka = KafkaBroker.start(KafkaBroker.options().port(options.kafkaPort).partitions(options.partitions)
                    .dataDir(options.dataDir == null ? null : options.dataDir.resolve("kafka")));
        } catch (RuntimeException e) {
            postgresStart.thenAccept(PostgresServer::close);
            throw e;
        }
        try {
            kafka.createTopics(topics, options.partitions);
            postgres = postgresStart.join();
        } catch (RuntimeException e) {
            kafka.close();
            postgresStart.thenAccept(PostgresServer::close);
            throw e instanceof CompletionException && e.getCause() instanceof RuntimeException
                    ? (RuntimeException) e.getCause()
                    : e;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Thread shutdown = new Thread(() -> {
            stop(kafka, postgres);
            out.println("# Local infra stopped.");
            out.flush();
            stopped.countDown();
        }, "cpo-local-infra-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);

        String firstDatabase = options.databases.get(0);
        out.println(KafkaResource.BOOTSTRAP_ENV + "=" + kafka.bootstrapServers());
        out.println(PostgresResource.JDBC_URL_ENV + "=" + postgres.jdbcUrl(firstDatabase));
        out.println(PostgresResource.JDBC_USERNAME_ENV + "=" + postgres.username());
        out.println(PostgresResource.JDBC_PASSWORD_ENV + "=" + postgres.password());
        for (String database : options.databases) {
            out.println(PostgresResource.JDBC_URL_ENV + "_" + envName(database) + "=" + postgres.jdbcUrl(database));
        }
        out.printf("# Local infra up in %s s: Kafka %s at %s (%d topics, %d partitions), PostgreSQL at %s:%d"
                + " (databases %s, user %s)%s. %s%n", Support.secondsSince(started), kafka.version(),
                kafka.bootstrapServers(), topics.size(), options.partitions, Support.LOOPBACK, postgres.port(),
                String.join(",", options.databases), postgres.username(),
                options.dataDir == null ? "" : ", data in " + options.dataDir,
                options.watchStdin
                        ? "Close stdin (Ctrl-D), Ctrl-C or SIGTERM stops both."
                        : "Ctrl-C or SIGTERM stops both.");
        out.flush();

        if (options.watchStdin) {
            drain(stdin);
            try {
                Runtime.getRuntime().removeShutdownHook(shutdown);
                stop(kafka, postgres);
                out.println("# Local infra stopped (stdin closed).");
                out.flush();
            } catch (IllegalStateException e) {
                // Already shutting down: the hook stops both.
                stopped.await();
            }
        } else {
            stopped.await();
        }
    }

    private static void drain(InputStream stdin) {
        byte[] buffer = new byte[1024];
        try {
            while (stdin.read(buffer) >= 0) {
                // ignore whatever is typed
            }
        } catch (IOException e) {
            // a broken stdin counts as closed
        }
    }

    private static void stop(KafkaBroker kafka, PostgresServer postgres) {
        CompletableFuture<Void> postgresStop = CompletableFuture.runAsync(postgres::close);
        kafka.close();
        postgresStop.join();
    }

    static String envName(String database) {
        return database.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }
}
