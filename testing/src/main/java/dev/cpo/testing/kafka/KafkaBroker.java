package dev.cpo.testing.kafka;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.jboss.logging.Logger;

import dev.cpo.testing.internal.Support;
import dev.cpo.testing.internal.Watchdog;

/**
 * A single-node Apache Kafka broker (KRaft, combined broker and controller) running as a child JVM on free
 * 127.0.0.1 ports, for tests and local development.
 *
 * <p>
 * The broker's jars are not on this JVM's classpath: {@code dev.cpo:cpo-testing-kafka} (depended on with a wildcard
 * exclusion) carries the resource {@value #CLASSPATH_RESOURCE}, the broker's runtime classpath relative to the local
 * Maven repository, which this class resolves against {@code -Dmaven.repo.local} or {@code ~/.m2/repository}.
 *
 * <p>
 * The broker never outlives the JVM that started it: {@link #close()} stops it, a shutdown hook closes it on a normal
 * exit, and a {@link Watchdog} kills it and deletes its directory if this JVM dies any other way (SIGKILL included).
 *
 * <pre>
 * try (KafkaBroker kafka = KafkaBroker.start()) {
 *     kafka.createTopics(List.of("customers"), 3);
 *     String bootstrap = kafka.bootstrapServers();
 * }
 * </pre>
 */
public final class KafkaBroker implements AutoCloseable {

    /** The resource in cpo-testing-kafka's jar that lists the broker's classpath. */
    public static final String CLASSPATH_RESOURCE = "META-INF/cpo/kafka-broker.classpath";

    /** The token that stands for the local Maven repository in {@link #CLASSPATH_RESOURCE}. */
    static final String REPO_TOKEN = "M2_REPO";

    private static final Logger LOG = Logger.getLogger(KafkaBroker.class);
    private static final String MAIN_CLASS = "dev.cpo.testing.kafka.broker.BrokerMain";
    private static final String MAIN_RESOURCE = "dev/cpo/testing/kafka/broker/BrokerMain.class";
    private static final String LOG4J_RESOURCE = "dev/cpo/testing/kafka/broker/log4j2.properties";
    private static final Pattern KAFKA_VERSION = Pattern.compile("/org/apache/kafka/kafka_[0-9.]+/([^/]+)/");
    private static final int BIND_ATTEMPTS = 3;

    private final Options options;
    private final Path directory;
    private final boolean temporary;
    private final String version;
    private final int port;
    private final int controllerPort;
    private final Process process;
    private final Watchdog watchdog;
    private final Thread shutdownHook;
    private Duration startupTime;
    private boolean closed;

    /**
     * Options of {@link KafkaBroker#start(Options)}; every setter returns this.
     */
    public static final class Options {
        private Path dataDir;
        private String heap = "384m";
        private int partitions = 1;
        private int port;
        private int controllerPort;
        private Duration startupTimeout = Duration.ofSeconds(60);
        private final Map<String, String> brokerProperties = new LinkedHashMap<>();
        private final List<String> jvmOptions = new ArrayList<>();

        Options() {
        }

        /**
         * Keeps the broker's data in this directory, across runs (created if missing, never deleted). Default: a
         * temporary directory deleted on close.
         *
         * @param dataDir the directory
         * @return this
         */
        public Options dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        /**
         * The broker's maximum heap, as for {@code -Xmx}. Default {@code 384m}.
         *
         * @param heap e.g. "256m"
         * @return this
         */
        public Options heap(String heap) {
            this.heap = Objects.requireNonNull(heap, "heap");
            return this;
        }

        /**
         * Partitions of automatically created topics ({@code num.partitions}). Default 1.
         *
         * @param partitions at least 1
         * @return this
         */
        public Options partitions(int partitions) {
            if (partitions < 1) {
                throw new IllegalArgumentException("partitions must be at least 1");
            }
            this.partitions = partitions;
            return this;
        }

        /**
         * The client (PLAINTEXT) port on 127.0.0.1; 0, the default, picks a free one.
         *
         * @param port a port or 0
         * @return this
         */
        public Options port(int port) {
            this.port = port;
            return this;
        }

        /**
         * The controller port on 127.0.0.1; 0, the default, picks a free one.
         *
         * @param controllerPort a port or 0
         * @return this
         */
        public Options controllerPort(int controllerPort) {
            this.controllerPort = controllerPort;
            return this;
        }

        /**
         * How long to wait for the broker to answer AdminClient calls. Default 60 s.
         *
         * @param startupTimeout the timeout
         * @return this
         */
        public Options startupTimeout(Duration startupTimeout) {
            this.startupTimeout = Objects.requireNonNull(startupTimeout, "startupTimeout");
            return this;
        }

        /**
         * Sets a server.properties entry, overriding the test defaults.
         *
         * @param key e.g. "log.retention.ms"
         * @param value its value
         * @return this
         */
        public Options brokerProperty(String key, String value) {
            brokerProperties.put(key, value);
            return this;
        }

        /**
         * Adds an option to the broker's JVM command line, e.g. {@code -Dfoo=bar}.
         *
         * @param option the option
         * @return this
         */
        public Options jvmOption(String option) {
            jvmOptions.add(option);
            return this;
        }
    }

    private KafkaBroker(Options options, Path directory, boolean temporary, String version, int port,
            int controllerPort, Process process, Watchdog watchdog) {
        this.options = options;
        this.directory = directory;
        this.temporary = temporary;
        this.version = version;
        this.port = port;
        this.controllerPort = controllerPort;
        this.process = process;
        this.watchdog = watchdog;
        this.shutdownHook = new Thread(this::close, "cpo-kafka-broker-shutdown");
    }

    /**
     * New options with the test defaults.
     *
     * @return options
     */
    public static Options options() {
        return new Options();
    }

    /**
     * Starts a broker with the test defaults (temporary directory, free ports, 384 MiB heap, 1 partition per
     * auto-created topic) and waits until it answers AdminClient calls.
     *
     * @return the running broker
     * @throws IllegalStateException if it did not start; the message includes the tail of the broker's log
     */
    public static KafkaBroker start() {
        return start(options());
    }

    /**
     * Starts a broker and waits until it answers AdminClient calls.
     *
     * @param options the options
     * @return the running broker
     * @throws IllegalStateException if it did not start; the message includes the tail of the broker's log
     */
    public static KafkaBroker start(Options options) {
        long started = System.nanoTime();
        for (int fixed : new int[]{options.port, options.controllerPort}) {
            if (fixed != 0 && Support.accepts(fixed)) {
                throw new IllegalStateException("Port " + fixed + " on " + Support.LOOPBACK
                        + " is already in use: pick another port for Kafka, or 0 for a free one");
            }
        }
        BrokerClasspath classpath = BrokerClasspath.resolve();
        boolean temporary = options.dataDir == null;
        Path directory;
        try {
            directory = temporary
                    ? Files.createTempDirectory("cpo-kafka-")
                    : Files.createDirectories(options.dataDir.toAbsolutePath());
            writeLauncher(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare the broker directory", e);
        }
        boolean fixedPorts = options.port != 0 || options.controllerPort != 0;
        for (int attempt = 1;; attempt++) {
            int port = options.port != 0 ? options.port : Support.freePort();
            int controllerPort = options.controllerPort != 0 ? options.controllerPort : Support.freePort();
            while (controllerPort == port) {
                controllerPort = Support.freePort();
            }
            KafkaBroker broker;
            try {
                broker = launch(options, directory, temporary, classpath, port, controllerPort);
            } catch (RuntimeException e) {
                if (temporary) {
                    Support.deleteRecursively(directory);
                }
                throw e;
            }
            try {
                broker.awaitReady(started);
                return broker;
            } catch (RuntimeException e) {
                boolean bindFailure = !fixedPorts && attempt < BIND_ATTEMPTS
                        && Support.tail(broker.logFile(), 400).contains("Address already in use");
                broker.stop(temporary && !bindFailure);
                if (!bindFailure) {
                    throw e;
                }
                LOG.infof("Kafka broker ports %d/%d were taken meanwhile, retrying", port, controllerPort);
            }
        }
    }

    private static KafkaBroker launch(Options options, Path directory, boolean temporary, BrokerClasspath classpath,
            int port, int controllerPort) {
        Path config = directory.resolve("server.properties");
        Path log = directory.resolve("broker.log");
        try {
            Files.writeString(config, serverProperties(options, directory, port, controllerPort),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + config, e);
        }
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + options.heap);
        command.add("-Xms32m");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:-UsePerfData");
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.add("-Djava.awt.headless=true");
        command.add("-Dlog4j2.configurationFile=" + directory.resolve("launcher").resolve(LOG4J_RESOURCE));
        command.add("-Dlog4j2.shutdownHookEnabled=false");
        command.add("-Dkafka.logs.dir=" + directory);
        command.addAll(options.jvmOptions);
        command.add("-cp");
        command.add(directory.resolve("launcher") + File.pathSeparator + classpath.joined());
        command.add(MAIN_CLASS);
        command.add(config.toString());
        command.add(newClusterId());
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the Kafka broker JVM: " + command.get(0), e);
        }
        // Right after the start, so that the window in which a SIGKILL of this JVM leaves an orphan is minimal.
        Watchdog watchdog = Watchdog.start("kafka-" + process.pid(), temporary
                ? "stop \"$1\" \"$2\" KILL 50; rm -rf \"$2\""
                : "stop \"$1\" \"$2\" TERM 300",
                Long.toString(process.pid()), directory.toString());
        KafkaBroker broker = new KafkaBroker(options, directory, temporary, classpath.version(), port,
                controllerPort, process, watchdog);
        Runtime.getRuntime().addShutdownHook(broker.shutdownHook);
        return broker;
    }

    private void awaitReady(long started) {
        long deadline = System.nanoTime() + options.startupTimeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw failure("exited with code " + process.exitValue() + " while starting");
            }
            if (System.nanoTime() > deadline) {
                throw failure("did not answer AdminClient calls within " + options.startupTimeout.toSeconds() + " s");
            }
            if (Support.accepts(port) && answersAdmin()) {
                startupTime = Duration.ofNanos(System.nanoTime() - started);
                LOG.infof("Kafka broker %s ready at %s in %s s (pid %d, %s)", version, bootstrapServers(),
                        Support.secondsSince(started), process.pid(), temporary
                                ? "log " + logFile()
                                : "data " + directory);
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure("interrupted while waiting for it");
            }
        }
    }

    private boolean answersAdmin() {
        try (Admin admin = Admin.create(KafkaTopics.adminConfig(bootstrapServers()))) {
            return !admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty();
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private IllegalStateException failure(String what) {
        return new IllegalStateException("Kafka broker " + version + " on " + bootstrapServers() + " " + what
                + ". Last lines of " + logFile() + ":\n" + Support.tail(logFile(), 40));
    }

    /**
     * Where clients connect.
     *
     * @return {@code 127.0.0.1:<port>}
     */
    public String bootstrapServers() {
        return Support.LOOPBACK + ":" + port;
    }

    /**
     * The client (PLAINTEXT) port.
     *
     * @return the port
     */
    public int port() {
        return port;
    }

    /**
     * The controller port.
     *
     * @return the port
     */
    public int controllerPort() {
        return controllerPort;
    }

    /**
     * The broker JVM's pid.
     *
     * @return the pid
     */
    public long pid() {
        return process.pid();
    }

    /**
     * The broker's directory: server.properties, broker.log and the data under data/.
     *
     * @return the directory
     */
    public Path directory() {
        return directory;
    }

    /**
     * The broker's log (its JVM's stdout and stderr).
     *
     * @return the log file
     */
    public Path logFile() {
        return directory.resolve("broker.log");
    }

    /**
     * The Apache Kafka version that runs.
     *
     * @return e.g. "4.2.1"
     */
    public String version() {
        return version;
    }

    /**
     * How long the start took, until the broker answered AdminClient calls.
     *
     * @return the duration
     */
    public Duration startupTime() {
        return startupTime;
    }

    /**
     * Whether the broker JVM still runs.
     *
     * @return true until it stopped
     */
    public boolean isRunning() {
        return process.isAlive();
    }

    /**
     * Creates topics; existing topics are fine (left as they are). Returns once every partition has a leader.
     *
     * @param topics topic names
     * @param partitions partitions of each new topic
     */
    public void createTopics(Collection<String> topics, int partitions) {
        KafkaTopics.createTopics(bootstrapServers(), topics, partitions);
    }

    /**
     * Stops the broker (SIGTERM, then SIGKILL after 15 s) and deletes its directory unless it was given as
     * {@link Options#dataDir(Path)}. Idempotent.
     */
    @Override
    public void close() {
        long started = System.nanoTime();
        if (stop(temporary)) {
            LOG.infof("Kafka broker at %s stopped in %s s", bootstrapServers(), Support.secondsSince(started));
        }
    }

    private synchronized boolean stop(boolean deleteDirectory) {
        if (closed) {
            return false;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is shutting down: this may be the hook itself.
        }
        if (watchdog != null) {
            watchdog.disarm();
        }
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                LOG.warnf("Kafka broker (pid %d) did not stop within 15 s, killing it", process.pid());
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        if (deleteDirectory) {
            try {
                Support.deleteRecursively(directory);
            } catch (UncheckedIOException e) {
                LOG.warnf(e, "Could not delete %s", directory);
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "KafkaBroker[" + bootstrapServers() + ", pid " + process.pid() + "]";
    }

    static String serverProperties(Options options, Path directory, int port, int controllerPort) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@" + Support.LOOPBACK + ":" + controllerPort);
        props.put("listeners", "PLAINTEXT://" + Support.LOOPBACK + ":" + port + ",CONTROLLER://" + Support.LOOPBACK
                + ":" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://" + Support.LOOPBACK + ":" + port);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        props.put("log.dirs", directory.resolve("data").toString());
        props.put("num.partitions", Integer.toString(options.partitions));
        props.put("default.replication.factor", "1");
        props.put("min.insync.replicas", "1");
        props.put("auto.create.topics.enable", "true");
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("share.coordinator.state.topic.num.partitions", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("auto.leader.rebalance.enable", "false");
        // Small and few: two cores, many test JVMs. The cleaner's dedupe buffer is allocated eagerly (128 MiB default).
        props.put("num.network.threads", "2");
        props.put("num.io.threads", "2");
        props.put("background.threads", "2");
        props.put("log.cleaner.dedupe.buffer.size", Integer.toString(16 * 1024 * 1024));
        props.putAll(options.brokerProperties);
        StringBuilder text = new StringBuilder("# Written by dev.cpo.testing.kafka.KafkaBroker\n");
        props.forEach((key, value) -> text.append(key).append('=').append(value.replace("\\", "\\\\")).append('\n'));
        return text.toString();
    }

    private static String newClusterId() {
        SecureRandom random = new SecureRandom();
        byte[] bytes = new byte[16];
        String id;
        do {
            random.nextBytes(bytes);
            id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        } while (id.startsWith("-"));
        return id;
    }

    private static void writeLauncher(Path directory) throws IOException {
        Path launcher = directory.resolve("launcher");
        for (String resource : List.of(MAIN_RESOURCE, LOG4J_RESOURCE)) {
            Path target = launcher.resolve(resource);
            Files.createDirectories(target.getParent());
            try (InputStream in = BrokerClasspath.open(resource)) {
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** The broker's classpath, resolved against the local Maven repository. */
    static final class BrokerClasspath {
        private final List<Path> entries;
        private final String version;

        private BrokerClasspath(List<Path> entries, String version) {
            this.entries = entries;
            this.version = version;
        }

        static BrokerClasspath resolve() {
            String listing;
            try (InputStream in = open(CLASSPATH_RESOURCE)) {
                listing = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read " + CLASSPATH_RESOURCE, e);
            }
            return resolve(listing, localRepository());
        }

        static BrokerClasspath resolve(String listing, Path repository) {
            List<Path> entries = new ArrayList<>();
            List<Path> missing = new ArrayList<>();
            String version = "unknown";
            for (String entry : listing.split("[:\\n]")) {
                entry = entry.trim();
                if (entry.isEmpty()) {
                    continue;
                }
                Path path = entry.startsWith(REPO_TOKEN + "/")
                        ? repository.resolve(entry.substring(REPO_TOKEN.length() + 1))
                        : Paths.get(entry);
                Matcher matcher = KAFKA_VERSION.matcher(entry);
                if (matcher.find()) {
                    version = matcher.group(1);
                }
                entries.add(path);
                if (!Files.isRegularFile(path)) {
                    missing.add(path);
                }
            }
            if (!missing.isEmpty()) {
                throw new IllegalStateException("The Kafka broker's jar " + missing.get(0) + " is missing"
                        + (missing.size() > 1 ? " (and " + (missing.size() - 1) + " more)" : "")
                        + " from the local Maven repository " + repository + ". Fetch the broker's classpath with"
                        + " `./mvnw -pl testing-kafka install` (or `mvn dependency:get -Dartifact="
                        + coordinates(repository, missing.get(0)) + "`), or point -Dmaven.repo.local at the"
                        + " repository that holds it.");
            }
            return new BrokerClasspath(List.copyOf(entries), version);
        }

        static Path localRepository() {
            String configured = System.getProperty("maven.repo.local");
            if (configured != null && !configured.isBlank()) {
                return Paths.get(configured).toAbsolutePath();
            }
            return Paths.get(System.getProperty("user.home"), ".m2", "repository");
        }

        static InputStream open(String resource) {
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            InputStream in = context == null ? null : context.getResourceAsStream(resource);
            if (in == null) {
                in = KafkaBroker.class.getClassLoader().getResourceAsStream(resource);
            }
            if (in == null) {
                throw new IllegalStateException("Resource " + resource + " not found: add dev.cpo:cpo-testing-kafka"
                        + " (with an exclusion of */*) to the classpath, as dev.cpo:cpo-testing does");
            }
            return in;
        }

        /** groupId:artifactId:version of a jar inside the repository, for the hint in the error message. */
        private static String coordinates(Path repository, Path jar) {
            try {
                Path relative = repository.relativize(jar);
                int n = relative.getNameCount();
                String version = relative.getName(n - 2).toString();
                String artifact = relative.getName(n - 3).toString();
                String group = relative.subpath(0, n - 3).toString().replace(File.separatorChar, '.');
                return group + ":" + artifact + ":" + version;
            } catch (IllegalArgumentException e) {
                return jar.getFileName().toString();
            }
        }

        String joined() {
            StringBuilder joined = new StringBuilder();
            for (Path entry : entries) {
                if (joined.length() > 0) {
                    joined.append(File.pathSeparatorChar);
                }
                joined.append(entry);
            }
            return joined.toString();
        }

        String version() {
            return version;
        }
    }
}
