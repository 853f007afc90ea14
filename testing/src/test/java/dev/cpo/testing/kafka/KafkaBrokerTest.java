package dev.cpo.testing.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.cpo.testing.internal.Support;

class KafkaBrokerTest {

    private static KafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = KafkaBroker.start(KafkaBroker.options().partitions(2));
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void startsOnLoopbackAndAnswersAdminCalls() throws Exception {
        assertThat(broker.bootstrapServers()).isEqualTo("127.0.0.1:" + broker.port());
        assertThat(broker.version()).isEqualTo("4.2.1");
        assertThat(broker.isRunning()).isTrue();
        assertThat(broker.startupTime()).isPositive();
        try (Admin admin = Admin.create(KafkaTopics.adminConfig(broker.bootstrapServers()))) {
            assertThat(admin.describeCluster().nodes().get()).hasSize(1);
        }
    }

    @Test
    void createTopicsIsIdempotent() throws Exception {
        List<String> topics = List.of("idempotent-a", "idempotent-b");
        broker.createTopics(topics, 3);
        broker.createTopics(topics, 5);
        broker.createTopics(List.of("idempotent-a", "idempotent-c"), 1);
        try (Admin admin = Admin.create(KafkaTopics.adminConfig(broker.bootstrapServers()))) {
            Map<String, TopicDescription> described = admin
                    .describeTopics(List.of("idempotent-a", "idempotent-b", "idempotent-c")).allTopicNames().get();
            assertThat(described.get("idempotent-a").partitions()).hasSize(3);
            assertThat(described.get("idempotent-b").partitions()).hasSize(3);
            assertThat(described.get("idempotent-c").partitions()).hasSize(1);
        }
    }

    @Test
    void producedRecordIsConsumed() {
        String topic = "round-trip";
        broker.createTopics(List.of(topic), 1);
        Properties producerConfig = new Properties();
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "customer-42", "hello")).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        Properties consumerConfig = new Properties();
        consumerConfig.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, "round-trip-" + UUID.randomUUID());
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (received.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            }
        }
        assertThat(received).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo("customer-42");
            assertThat(record.value()).isEqualTo("hello");
        });
    }

    @Test
    void autoCreatedTopicsGetTheConfiguredPartitions() throws Exception {
        Properties producerConfig = new Properties();
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>("auto-created", "k", "v")).get();
        }
        try (Admin admin = Admin.create(KafkaTopics.adminConfig(broker.bootstrapServers()))) {
            assertThat(admin.describeTopics(List.of("auto-created")).allTopicNames().get().get("auto-created")
                    .partitions()).hasSize(2);
        }
    }

    @Test
    void closeStopsTheBrokerAndDeletesItsDirectory() {
        KafkaBroker second = KafkaBroker.start();
        Path directory = second.directory();
        long pid = second.pid();
        assertThat(Files.isDirectory(directory)).isTrue();
        second.close();
        second.close();
        assertThat(Support.running(pid)).isFalse();
        assertThat(Support.accepts(second.port())).isFalse();
        assertThat(directory).doesNotExist();
    }

    @Test
    void missingJarIsReportedWithTheFetchCommand(@org.junit.jupiter.api.io.TempDir Path repository) {
        String listing = "M2_REPO/org/apache/kafka/kafka_2.13/4.2.1/kafka_2.13-4.2.1.jar:"
                + "M2_REPO/org/apache/kafka/kafka-clients/4.2.1/kafka-clients-4.2.1.jar";
        assertThatThrownBy(() -> KafkaBroker.BrokerClasspath.resolve(listing, repository))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(repository.resolve("org/apache/kafka/kafka_2.13/4.2.1/kafka_2.13-4.2.1.jar")
                        .toString())
                .hasMessageContaining("(and 1 more)")
                .hasMessageContaining("./mvnw -pl testing-kafka install")
                .hasMessageContaining("dependency:get -Dartifact=org.apache.kafka:kafka_2.13:4.2.1");
    }

    @Test
    void classpathEntriesResolveAgainstTheGivenRepository(@org.junit.jupiter.api.io.TempDir Path repository)
            throws Exception {
        Path jar = repository.resolve("org/apache/kafka/kafka_2.13/4.2.1/kafka_2.13-4.2.1.jar");
        Files.createDirectories(jar.getParent());
        Files.write(jar, new byte[0]);
        KafkaBroker.BrokerClasspath classpath = KafkaBroker.BrokerClasspath.resolve(
                "M2_REPO/org/apache/kafka/kafka_2.13/4.2.1/kafka_2.13-4.2.1.jar\n", repository);
        assertThat(classpath.joined()).isEqualTo(jar.toString());
        assertThat(classpath.version()).isEqualTo("4.2.1");
    }
}
