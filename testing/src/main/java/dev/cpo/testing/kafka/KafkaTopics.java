package dev.cpo.testing.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.jboss.logging.Logger;

/**
 * Creates topics on any Kafka cluster, idempotently, and waits until every partition has a leader (so the first
 * produce or subscribe right after does not race the metadata propagation).
 */
public final class KafkaTopics {

    private static final Logger LOG = Logger.getLogger(KafkaTopics.class);

    /** How long topic creation may take, all topics together. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private KafkaTopics() {
    }

    /**
     * Creates the topics that do not exist yet; existing topics are left as they are (whatever their partition count).
     * The replication factor is the cluster's default.
     *
     * @param bootstrapServers the cluster
     * @param topics topic names (duplicates are fine)
     * @param partitions partitions of each newly created topic, at least 1
     * @throws IllegalStateException if the topics could not be created or did not get leaders within
     *         {@link #DEFAULT_TIMEOUT}
     */
    public static void createTopics(String bootstrapServers, Collection<String> topics, int partitions) {
        createTopics(bootstrapServers, topics, partitions, DEFAULT_TIMEOUT);
    }

    /**
     * As {@link #createTopics(String, Collection, int)} with an explicit timeout.
     *
     * @param bootstrapServers the cluster
     * @param topics topic names
     * @param partitions partitions of each newly created topic, at least 1
     * @param timeout how long creating and waiting for leaders may take
     */
    public static void createTopics(String bootstrapServers, Collection<String> topics, int partitions,
            Duration timeout) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
        }
        Set<String> names = new LinkedHashSet<>(topics);
        if (names.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(adminConfig(bootstrapServers))) {
            List<NewTopic> newTopics = new ArrayList<>();
            for (String name : names) {
                newTopics.add(new NewTopic(name, Optional.of(partitions), Optional.empty()));
            }
            int created = 0;
            for (Map.Entry<String, KafkaFuture<Void>> result : admin.createTopics(newTopics).values().entrySet()) {
                try {
                    result.getValue().get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
                    created++;
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Could not create topic " + result.getKey() + " on "
                                + bootstrapServers + ": " + e.getCause(), e.getCause());
                    }
                }
            }
            awaitLeaders(admin, names, deadline, bootstrapServers);
            LOG.debugf("Topics on %s: %d created, %d already there", bootstrapServers, created, names.size() - created);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics on " + bootstrapServers, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Creating topics " + names + " on " + bootstrapServers + " took more than "
                    + timeout.toSeconds() + " s", e);
        }
    }

    private static void awaitLeaders(Admin admin, Set<String> names, long deadline, String bootstrapServers)
            throws InterruptedException, TimeoutException {
        while (true) {
            try {
                Map<String, TopicDescription> descriptions = admin.describeTopics(names).allTopicNames()
                        .get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
                boolean ready = descriptions.values().stream()
                        .flatMap(description -> description.partitions().stream())
                        .map(TopicPartitionInfo::leader)
                        .allMatch(leader -> leader != null && !leader.isEmpty());
                if (ready) {
                    return;
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw new IllegalStateException("Could not describe topics on " + bootstrapServers, e.getCause());
                }
            }
            if (remainingMillis(deadline) <= 1) {
                throw new TimeoutException("Topics " + names + " have no leader yet on " + bootstrapServers);
            }
            Thread.sleep(50);
        }
    }

    static Properties adminConfig(String bootstrapServers) {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "cpo-testing-admin");
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        config.put(AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, "50");
        config.put(AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, "50");
        config.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
        return config;
    }

    private static long remainingMillis(long deadline) throws TimeoutException {
        long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (remaining <= 0) {
            throw new TimeoutException();
        }
        return remaining;
    }
}
