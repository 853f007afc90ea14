package dev.cpo.cli.customers;

import dev.cpo.cli.console.Progress;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes snapshots keyed by customer id with an idempotent producer and {@code acks=all}, and waits for every
 * acknowledgement. On the first failed send it stops sending and reports how many the broker acknowledged.
 */
public final class CustomerPublisher implements AutoCloseable {

    private final Producer<String, byte[]> producer;
    private final String topic;

    /**
     * @param producer the producer (see {@link #config})
     * @param topic the topic, normally {@code customers}
     */
    public CustomerPublisher(Producer<String, byte[]> producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    /**
     * @param bootstrapServers the cluster
     * @param timeout how long one record may take to be acknowledged, and how long a send may block on metadata
     * @return the producer settings
     */
    public static Map<String, Object> config(String bootstrapServers, Duration timeout) {
        int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1000, timeout.toMillis()));
        return Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5,
                ProducerConfig.LINGER_MS_CONFIG, 10,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(millis, 30_000),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Math.max(millis, Math.min(millis, 30_000) + 10),
                ProducerConfig.MAX_BLOCK_MS_CONFIG, millis,
                ProducerConfig.CLIENT_ID_CONFIG, "cpo-cli-import");
    }

    /**
     * @param bootstrapServers the cluster
     * @param timeout see {@link #config}
     * @param topic the topic
     * @return a publisher with its own producer
     */
    public static CustomerPublisher connect(String bootstrapServers, Duration timeout, String topic) {
        return new CustomerPublisher(
                new KafkaProducer<>(config(bootstrapServers, timeout), new StringSerializer(),
                        new ByteArraySerializer()),
                topic);
    }

    /**
     * What happened.
     *
     * @param attempted records handed to the producer
     * @param acknowledged records the broker acknowledged
     * @param failure the first failure, or null
     */
    public record Outcome(long attempted, long acknowledged, Exception failure) {
        /** @return whether every record was acknowledged */
        public boolean complete() {
            return failure == null && acknowledged == attempted;
        }
    }

    /**
     * Sends every snapshot and waits for the acknowledgements.
     *
     * @param snapshots what to send
     * @param progress advanced by one per acknowledgement
     * @return the outcome
     */
    public Outcome publish(Iterator<CustomerSnapshots.Snapshot> snapshots, Progress progress) {
        AtomicLong acknowledged = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        long attempted = 0;
        try {
            while (snapshots.hasNext() && failure.get() == null) {
                CustomerSnapshots.Snapshot snapshot = snapshots.next();
                String key = snapshot.event().customerId();
                producer.send(new ProducerRecord<>(topic, key, snapshot.json()), (metadata, error) -> {
                    if (error == null) {
                        acknowledged.incrementAndGet();
                        progress.advance(1);
                    } else {
                        failure.compareAndSet(null, error);
                    }
                });
                attempted++;
            }
            producer.flush();
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
        }
        progress.finish();
        return new Outcome(attempted, acknowledged.get(), failure.get());
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
