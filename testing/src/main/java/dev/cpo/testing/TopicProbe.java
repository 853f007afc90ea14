package dev.cpo.testing;

import static org.awaitility.Awaitility.await;

import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Serdes;

/**
 * What a stage's flow tests do on the real broker: publish keyed records, read a topic from its start with a group of
 * their own, wait for the record of a key, read a dead letter's reason.
 */
public final class TopicProbe implements AutoCloseable {

    /** How long a test waits for a record. */
    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final KafkaCompanion kafka;

    /** @param bootstrapServers the broker */
    public TopicProbe(String bootstrapServers) {
        this.kafka = new KafkaCompanion(bootstrapServers);
    }

    /**
     * @param topic a topic
     * @return every record of the topic, from its start, as it arrives; close it after the test
     */
    public ConsumerTask<String, byte[]> consume(String topic) {
        return kafka.consume(Serdes.String(), Serdes.ByteArray()).withGroupId("test-" + UUID.randomUUID())
                .withOffsetReset(OffsetResetStrategy.EARLIEST).fromTopics(topic);
    }

    /** Publishes one record and waits for the broker's acknowledgement. */
    public void send(String topic, String key, byte[] value) {
        send(new ProducerRecord<>(topic, key, value));
    }

    /** Publishes one record (with its headers) and waits for the broker's acknowledgement. */
    public void send(ProducerRecord<String, byte[]> record) {
        kafka.produce(Serdes.String(), Serdes.ByteArray()).fromRecords(record).awaitCompletion(TIMEOUT);
    }

    /**
     * @param task a consumer
     * @param key a key
     * @return the first record of that key, waiting up to {@link #TIMEOUT} for it
     */
    public static ConsumerRecord<String, byte[]> awaitOne(ConsumerTask<String, byte[]> task, String key) {
        await().atMost(TIMEOUT).until(() -> task.getRecords().stream().anyMatch(r -> key.equals(r.key())));
        return task.getRecords().stream().filter(r -> key.equals(r.key())).findFirst().orElseThrow();
    }

    /**
     * @param record a dead letter
     * @return its {@code dead-letter-reason} header
     * @throws AssertionError when it has none
     */
    public static String deadLetterReason(ConsumerRecord<String, byte[]> record) {
        Header reason = record.headers().lastHeader("dead-letter-reason");
        if (reason == null) {
            throw new AssertionError("the record of key " + record.key() + " has no dead-letter-reason header");
        }
        return new String(reason.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        kafka.close();
    }
}
