package dev.cpo.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.jboss.logging.Logger;

import dev.cpo.testing.internal.Support;
import dev.cpo.testing.kafka.KafkaBroker;
import dev.cpo.testing.kafka.KafkaTopics;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Quarkus test resource: a real Apache Kafka broker, one per test JVM (shared by every test class and every Quarkus
 * restart in that JVM, stopped when the JVM exits), with the pipeline topics and their dead-letter topics created.
 *
 * <pre>
 * &#64;QuarkusTest
 * &#64;QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
 * class SegmentationTest { ... }
 * </pre>
 *
 * <p>
 * Init args: {@value #TOPICS_ARG} (more topics, comma separated), {@value #PARTITIONS_ARG} (partitions of each
 * created topic, default 1).
 *
 * <p>
 * If the environment variable {@value #BOOTSTRAP_ENV} or the system property {@value #BOOTSTRAP_PROPERTY} is set,
 * that cluster is used instead of starting a broker (the topics are still created there).
 *
 * <p>
 * Config it returns: {@code kafka.bootstrap.servers}. Dev Services are build-time settings, so a service turns them
 * off in its own {@code application.properties} ({@code quarkus.devservices.enabled=false}), not here.
 */
public class KafkaResource implements QuarkusTestResourceLifecycleManager {

    /** Init arg: extra topics to create, comma separated. */
    public static final String TOPICS_ARG = "topics";
    /** Init arg: partitions of each created topic. */
    public static final String PARTITIONS_ARG = "partitions";
    /** Environment variable naming an external cluster to use instead. */
    public static final String BOOTSTRAP_ENV = "KAFKA_BOOTSTRAP_SERVERS";
    /** System property naming an external cluster to use instead. */
    public static final String BOOTSTRAP_PROPERTY = "kafka.bootstrap.servers";

    /** System properties through which every class loader of the test JVM finds the shared broker. */
    static final String SHARED_BOOTSTRAP_PROPERTY = "cpo.testing.kafka.shared.bootstrap-servers";
    static final String SHARED_PID_PROPERTY = "cpo.testing.kafka.shared.pid";

    private static final Logger LOG = Logger.getLogger(KafkaResource.class);
    /**
     * A string literal is one object per JVM, whatever the class loader: Quarkus loads this class anew for each
     * application it starts (a test profile, a different set of resources), so a static field alone would start a
     * broker per application.
     */
    private static final String SHARED_LOCK = "dev.cpo.testing.KafkaResource.shared";

    private final Map<String, String> environment;
    private final Properties systemProperties;
    private final List<String> topics = new ArrayList<>();
    private int partitions = 1;

    /** Used by Quarkus. */
    public KafkaResource() {
        this(System.getenv(), System.getProperties());
    }

    /**
     * For tests of the override logic.
     *
     * @param environment stands for {@link System#getenv()}
     * @param systemProperties stands for {@link System#getProperties()}
     */
    KafkaResource(Map<String, String> environment, Properties systemProperties) {
        this.environment = environment;
        this.systemProperties = systemProperties;
    }

    @Override
    public void init(Map<String, String> initArgs) {
        topics.clear();
        topics.addAll(PipelineTopics.all());
        String extra = initArgs.getOrDefault(TOPICS_ARG, "");
        for (String topic : extra.split(",")) {
            if (!topic.isBlank()) {
                topics.add(topic.trim());
            }
        }
        String partitionsArg = initArgs.get(PARTITIONS_ARG);
        if (partitionsArg != null && !partitionsArg.isBlank()) {
            partitions = Integer.parseInt(partitionsArg.trim());
        }
    }

    @Override
    public Map<String, String> start() {
        if (topics.isEmpty()) {
            init(Map.of());
        }
        long started = System.nanoTime();
        String bootstrapServers = externalBootstrapServers();
        if (bootstrapServers != null) {
            LOG.infof("Using the external Kafka cluster at %s (%s is set)", bootstrapServers,
                    nonBlank(environment.get(BOOTSTRAP_ENV)) != null ? BOOTSTRAP_ENV : BOOTSTRAP_PROPERTY);
        } else {
            bootstrapServers = sharedBootstrapServers();
        }
        KafkaTopics.createTopics(bootstrapServers, topics, partitions);
        LOG.infof("Kafka test resource ready at %s with %d topics in %s s", bootstrapServers, topics.size(),
                Support.secondsSince(started));
        Map<String, String> config = new LinkedHashMap<>();
        config.put("kafka.bootstrap.servers", bootstrapServers);
        return config;
    }

    /** The broker outlives this resource: it is shared by the whole test JVM and stopped when the JVM exits. */
    @Override
    public void stop() {
        // nothing: see sharedBootstrapServers()
    }

    /**
     * The topics this resource creates (after {@link #init(Map)}).
     *
     * @return topic names
     */
    public List<String> topics() {
        return List.copyOf(topics);
    }

    /**
     * The external cluster to use, if one is configured.
     *
     * @return bootstrap servers, or null to start a broker
     */
    String externalBootstrapServers() {
        String fromEnvironment = nonBlank(environment.get(BOOTSTRAP_ENV));
        return fromEnvironment != null ? fromEnvironment : nonBlank(systemProperties.getProperty(BOOTSTRAP_PROPERTY));
    }

    /**
     * The test JVM's broker, started on first use (from any class loader) and stopped by a shutdown hook when the JVM
     * exits (or, should the JVM be killed, by its watchdog).
     *
     * @return its bootstrap servers
     */
    public static String sharedBootstrapServers() {
        synchronized (SHARED_LOCK) {
            String address = System.getProperty(SHARED_BOOTSTRAP_PROPERTY);
            String pid = System.getProperty(SHARED_PID_PROPERTY);
            if (address != null && pid != null && Support.running(Long.parseLong(pid))) {
                return address;
            }
            KafkaBroker broker = KafkaBroker.start();
            System.setProperty(SHARED_BOOTSTRAP_PROPERTY, broker.bootstrapServers());
            System.setProperty(SHARED_PID_PROPERTY, Long.toString(broker.pid()));
            return broker.bootstrapServers();
        }
    }

    private static String nonBlank(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
