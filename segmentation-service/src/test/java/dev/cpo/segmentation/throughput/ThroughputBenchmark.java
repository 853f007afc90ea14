package dev.cpo.segmentation.throughput;

import dev.cpo.events.Activity;
import dev.cpo.events.Consent;
import dev.cpo.events.CustomerEvent;
import dev.cpo.events.CustomerProfile;
import dev.cpo.events.EventCodec;
import dev.cpo.events.Topics;
import dev.cpo.testing.kafka.KafkaBroker;
import dev.cpo.testing.postgres.PostgresServer;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * End-to-end throughput of segmentation-service on the real broker and database: starts a Kafka broker and
 * PostgreSQL, runs the packaged service ({@code target/quarkus-app/quarkus-run.jar}) as its own process, publishes
 * customer events as fast as a producer can, and measures how fast {@code segments} events come out, with the
 * end-to-end latency of each.
 * <p>
 * Run (see BENCHMARKS.md): {@code ./mvnw -q -pl segmentation-service -am install -DskipTests &&
 * ./mvnw -q -pl segmentation-service exec:exec@throughput}. Arguments: number of events (default 50,000) and
 * warm-up events (default 10,000).
 */
public final class ThroughputBenchmark {

    private static final int PARTITIONS = 6;

    private ThroughputBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int warmUp = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        Path serviceJar = Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
        if (!Files.exists(serviceJar)) {
            throw new IllegalStateException(serviceJar + " is missing: package the service first");
        }
        try (KafkaBroker kafka = KafkaBroker.start(KafkaBroker.options().partitions(PARTITIONS).heap("512m"));
                PostgresServer postgres = PostgresServer.start()) {
            kafka.createTopics(Topics.allWithDeadLetters(), PARTITIONS);
            postgres.createDatabase("segmentation");
            Process service = startService(serviceJar, kafka, postgres);
            Runtime.getRuntime().addShutdownHook(new Thread(service::destroyForcibly));
            try (KafkaProducer<String, byte[]> producer = producer(kafka.bootstrapServers());
                    KafkaConsumer<String, byte[]> consumer = consumer(kafka.bootstrapServers())) {
                consumer.subscribe(List.of(Topics.SEGMENTS));
                Result warm = run(producer, consumer, warmUp, "warm-");
                System.out.printf("warm-up: %,d events in %.1f s (%,.0f events/s)%n", warmUp, warm.seconds(),
                        warm.perSecond());
                Result result = run(producer, consumer, events, "bench-");
                System.out.printf("segmentation-service end to end: %,d customer events in %.2f s = %,.0f events/s;"
                        + " latency p50 %d ms, p99 %d ms, max %d ms; service RSS %d MB%n", events, result.seconds(),
                        result.perSecond(), result.percentile(50), result.percentile(99), result.percentile(100),
                        rssMegabytes(service.pid()));
            } finally {
                service.destroy();
                service.waitFor();
            }
        }
    }

    private static Process startService(Path jar, KafkaBroker kafka, PostgresServer postgres) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-jar", jar.toString());
        Map<String, String> env = builder.environment();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl("segmentation"));
        env.put("QUARKUS_DATASOURCE_USERNAME", postgres.username());
        env.put("QUARKUS_DATASOURCE_PASSWORD", postgres.password());
        env.put("QUARKUS_HTTP_PORT", "0");
        env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        Path log = Path.of("target/throughput-service.log");
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        System.out.println("service log: " + log.toAbsolutePath());
        return builder.start();
    }

    private static Result run(KafkaProducer<String, byte[]> producer, KafkaConsumer<String, byte[]> consumer,
            int count, String prefix) {
        Random random = new Random(7);
        Instant now = Instant.now();
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String customerId = prefix + i;
            records.add(new ProducerRecord<>(Topics.CUSTOMERS, customerId, EventCodec.encode(customer(customerId,
                    now, random))));
        }
        Map<String, Long> sentAt = new HashMap<>(count * 2);
        long start = System.nanoTime();
        for (ProducerRecord<String, byte[]> record : records) {
            sentAt.put(record.key(), System.currentTimeMillis());
            producer.send(record);
        }
        producer.flush();
        long[] latencies = new long[count];
        int received = 0;
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (received < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + received + " of " + count + " segments events arrived");
            }
            for (ConsumerRecord<String, byte[]> out : consumer.poll(Duration.ofMillis(200))) {
                Long sent = sentAt.remove(out.key());
                if (sent != null) {
                    latencies[received++] = Math.max(0, out.timestamp() - sent);
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(latencies);
        return new Result(count, seconds, latencies);
    }

    private static CustomerEvent customer(String customerId, Instant now, Random random) {
        int orders = 1 + random.nextInt(20);
        BigDecimal spend = BigDecimal.valueOf(15 + random.nextDouble() * 80 * orders).setScale(2,
                RoundingMode.HALF_UP);
        Instant lastPurchase = now.minus(Duration.ofDays(random.nextInt(500)));
        return new CustomerEvent(UUID.randomUUID(), CustomerEvent.SCHEMA_VERSION, now, customerId, "bench",
                new CustomerProfile(null, null, null, "US", "en", lastPurchase.minus(Duration.ofDays(600)), null),
                new Consent(random.nextInt(10) > 0, null),
                new Activity(lastPurchase, lastPurchase.minus(Duration.ofDays(300)), lastPurchase, orders, spend,
                        "USD"),
                List.of());
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024);
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    private static KafkaConsumer<String, byte[]> consumer(String bootstrap) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "throughput-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        return new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static long rssMegabytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    private record Result(int count, double seconds, long[] sortedLatencies) {

        double perSecond() {
            return count / seconds;
        }

        long percentile(int p) {
            int index = (int) Math.ceil(p / 100.0 * sortedLatencies.length) - 1;
            return sortedLatencies[Math.max(0, Math.min(index, sortedLatencies.length - 1))];
        }
    }
}
