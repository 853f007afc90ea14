package dev.cpo.testing;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jboss.logging.Logger;

import dev.cpo.testing.internal.Support;
import dev.cpo.testing.postgres.PostgresDatabases;
import dev.cpo.testing.postgres.PostgresServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Quarkus test resource: an embedded PostgreSQL server, one per test JVM (shared, stopped when the JVM exits), with a
 * database per init arg {@value #DATABASE_ARG} (default {@value #DEFAULT_DATABASE}).
 *
 * <pre>
 * &#64;QuarkusTest
 * &#64;QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false,
 *         initArgs = &#64;ResourceArg(name = "database", value = "experiments"))
 * class ExperimentTest { ... }
 * </pre>
 *
 * <p>
 * If the environment variable {@value #JDBC_URL_ENV} is set (with {@value #JDBC_USERNAME_ENV} and
 * {@value #JDBC_PASSWORD_ENV}), that database is used as is instead of starting a server.
 *
 * <p>
 * Config it returns: {@code quarkus.datasource.db-kind=postgresql}, {@code quarkus.datasource.jdbc.url},
 * {@code quarkus.datasource.username}, {@code quarkus.datasource.password}. Dev Services are build-time settings:
 * a service turns them off in its own {@code application.properties}.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    /** Init arg: the database to create and point the datasource at. */
    public static final String DATABASE_ARG = "database";
    /** The database used when no init arg names one. */
    public static final String DEFAULT_DATABASE = "cpo";
    /** Environment variable: JDBC URL of an external database to use instead. */
    public static final String JDBC_URL_ENV = "CPO_JDBC_URL";
    /** Environment variable: user for {@value #JDBC_URL_ENV}. */
    public static final String JDBC_USERNAME_ENV = "CPO_JDBC_USERNAME";
    /** Environment variable: password for {@value #JDBC_URL_ENV}. */
    public static final String JDBC_PASSWORD_ENV = "CPO_JDBC_PASSWORD";

    /** System properties through which every class loader of the test JVM finds the shared server. */
    static final String SHARED_PORT_PROPERTY = "cpo.testing.postgres.shared.port";
    static final String SHARED_PID_PROPERTY = "cpo.testing.postgres.shared.pid";

    private static final Logger LOG = Logger.getLogger(PostgresResource.class);
    /** One object per JVM whatever the class loader (see KafkaResource). */
    private static final String SHARED_LOCK = "dev.cpo.testing.PostgresResource.shared";

    private final Map<String, String> environment;
    private String database = DEFAULT_DATABASE;

    /** Used by Quarkus. */
    public PostgresResource() {
        this(System.getenv());
    }

    /**
     * For tests of the override logic.
     *
     * @param environment stands for {@link System#getenv()}
     */
    PostgresResource(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public void init(Map<String, String> initArgs) {
        String name = initArgs.get(DATABASE_ARG);
        database = name == null || name.isBlank() ? DEFAULT_DATABASE : name.trim();
    }

    @Override
    public Map<String, String> start() {
        long started = System.nanoTime();
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.datasource.db-kind", "postgresql");
        String externalUrl = environment.get(JDBC_URL_ENV);
        if (externalUrl != null && !externalUrl.isBlank()) {
            LOG.infof("Using the external database %s (%s is set)", externalUrl.trim(), JDBC_URL_ENV);
            config.put("quarkus.datasource.jdbc.url", externalUrl.trim());
            config.put("quarkus.datasource.username", environment.getOrDefault(JDBC_USERNAME_ENV,
                    PostgresServer.USERNAME));
            config.put("quarkus.datasource.password", environment.getOrDefault(JDBC_PASSWORD_ENV,
                    PostgresServer.PASSWORD));
        } else {
            int port = sharedPort();
            String url = PostgresDatabases.jdbcUrl(Support.LOOPBACK, port, database);
            PostgresDatabases.create(PostgresDatabases.jdbcUrl(Support.LOOPBACK, port, PostgresServer.DEFAULT_DATABASE),
                    PostgresServer.USERNAME, PostgresServer.PASSWORD, database);
            LOG.infof("PostgreSQL test resource ready: database %s at %s in %s s", database, url,
                    Support.secondsSince(started));
            config.put("quarkus.datasource.jdbc.url", url);
            config.put("quarkus.datasource.username", PostgresServer.USERNAME);
            config.put("quarkus.datasource.password", PostgresServer.PASSWORD);
        }
        return config;
    }

    /** The server outlives this resource: it is shared by the whole test JVM and stopped when the JVM exits. */
    @Override
    public void stop() {
        // nothing: see sharedPort()
    }

    /**
     * The database this resource points the datasource at (after {@link #init(Map)}).
     *
     * @return the database name
     */
    public String database() {
        return database;
    }

    /**
     * The test JVM's PostgreSQL server, started on first use (from any class loader) and stopped by a shutdown hook
     * when the JVM exits (or, should the JVM be killed, by its watchdog). Connect as {@link PostgresServer#USERNAME}.
     *
     * @return its port on 127.0.0.1
     */
    public static int sharedPort() {
        synchronized (SHARED_LOCK) {
            String port = System.getProperty(SHARED_PORT_PROPERTY);
            String pid = System.getProperty(SHARED_PID_PROPERTY);
            if (port != null && pid != null && Support.running(Long.parseLong(pid))) {
                return Integer.parseInt(port);
            }
            PostgresServer server = PostgresServer.start();
            System.setProperty(SHARED_PORT_PROPERTY, Integer.toString(server.port()));
            System.setProperty(SHARED_PID_PROPERTY, Long.toString(server.pid()));
            return server.port();
        }
    }
}
