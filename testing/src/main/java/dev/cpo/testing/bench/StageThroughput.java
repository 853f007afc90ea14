package dev.cpo.testing.bench;

import dev.cpo.testing.kafka.KafkaBroker;
import dev.cpo.testing.postgres.PostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * End-to-end throughput of one pipeline stage on the real broker (and database, when the stage has one): starts
 * them with this module's launchers, runs the stage's packaged Quarkus application as its own process, publishes
 * keyed records to its input topic as fast as one producer can (acks=all), and times how fast its output topic
 * answers every key. A warm-up round, which also covers the stage's start, precedes the measured round.
 */
public final class StageThroughput {

    /** What to benchmark. */
    public record Stage(String name, Path quarkusRunJar, String inputTopic, String outputTopic,
            Collection<String> topics, String database, Map<String, String> environment) {
    }

    /** The figures of one round. */
    public record Result(int records, double seconds, long[] sortedLatenciesMillis, long serviceRssMegabytes) {

        /** @return records per second */
        public double perSecond() {
            return records / seconds;
        }

        /** @return the latency percentile, in ms */
        public long percentile(int p) {
            int index = (int) Math.ceil(p / 100.0 * sortedLatenciesMillis.length) - 1;
            return sortedLatenciesMillis[Math.max(0, Math.min(index, sortedLatenciesMillis.length - 1))];
        }

        /** @return one line with every figure */
        public String describe(String stage) {
            return String.format("%s end to end: %,d records in %.2f s = %,.0f records/s; latency p50 %d ms, p99 %d ms,"
                    + " max %d ms; service RSS %d MB", stage, records, seconds, perSecond(), percentile(50),
                    percentile(99), percentile(100), serviceRssMegabytes);
        }
    }

    private static final int PARTITIONS = 6;

    private StageThroughput() {
    }

    /**
     * @param stage the stage
     * @param records builds the records of a round from a key prefix and a count; every key must be distinct
     * @param warmUp records in the warm-up round
     * @param measured records in the measured round
     * @return the measured round's figures (also printed, with the warm-up's)
     */
    public static Result run(Stage stage, RecordFactory records, int warmUp, int measured) throws Exception {
        requirePackaged(stage);
        try (KafkaBroker kafka = KafkaBroker.start(KafkaBroker.options().partitions(PARTITIONS).heap("512m"));
                PostgresServer postgres = stage.database() == null ? null : PostgresServer.start()) {
            Map<String, String> env = prepare(stage, kafka, postgres);
            Process service = start(stage, env);
            Runtime.getRuntime().addShutdownHook(new Thread(service::destroyForcibly));
            try (KafkaProducer<String, byte[]> producer = producer(kafka.bootstrapServers());
                    KafkaConsumer<String, byte[]> consumer = consumer(kafka.bootstrapServers())) {
                consumer.subscribe(List.of(stage.outputTopic()));
                Result warm = round(stage, producer, consumer, records.records("warm-", warmUp), service);
                System.out.printf("warm-up: %,d records in %.1f s (%,.0f records/s)%n", warmUp, warm.seconds(),
                        warm.perSecond());
                Result result = round(stage, producer, consumer, records.records("bench-", measured), service);
                System.out.println(result.describe(stage.name()));
                return result;
            } finally {
                service.destroy();
                service.waitFor();
            }
        }
    }

    /**
     * The stage's capacity when its input is already on the broker and nothing else competes for the CPU: every
     * record (warm-up and measured) is published before the service starts; the service then drains the backlog, and
     * the rate is timed between the warm-up's last output and the measured round's last, read from the output
     * topic's end offsets (nothing consumes the output). Complements {@link #run}, where one producer and one consumer
     * run on the same cores as the service and the broker.
     *
     * @param stage the stage
     * @param records builds the records from a key prefix and a count
     * @param warmUp records drained before timing starts (the service's start and JIT warm-up)
     * @param measured records timed
     * @return records per second drained after the warm-up (no latencies: records waited in the backlog)
     */
    public static Result drain(Stage stage, RecordFactory records, int warmUp, int measured) throws Exception {
        requirePackaged(stage);
        try (KafkaBroker kafka = KafkaBroker.start(KafkaBroker.options().partitions(PARTITIONS).heap("512m"));
                PostgresServer postgres = stage.database() == null ? null : PostgresServer.start()) {
            Map<String, String> env = prepare(stage, kafka, postgres);
            try (KafkaProducer<String, byte[]> producer = producer(kafka.bootstrapServers())) {
                records.records("warm-", warmUp).forEach(producer::send);
                records.records("bench-", measured).forEach(producer::send);
                producer.flush();
            }
            Process service = start(stage, env);
            Runtime.getRuntime().addShutdownHook(new Thread(service::destroyForcibly));
            try (KafkaConsumer<String, byte[]> offsets = consumer(kafka.bootstrapServers())) {
                List<TopicPartition> partitions = new ArrayList<>();
                for (int p = 0; p < PARTITIONS; p++) {
                    partitions.add(new TopicPartition(stage.outputTopic(), p));
                }
                long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
                long[] start = awaitOutputs(offsets, partitions, warmUp, deadline, service, stage);
                long[] end = awaitOutputs(offsets, partitions, (long) warmUp + measured, deadline, service, stage);
                double seconds = (end[1] - start[1]) / 1e9;
                Result result = new Result((int) (end[0] - start[0]), seconds, new long[]{0},
                        rssMegabytes(service.pid()));
                System.out.printf("%s draining a backlog: %,d records in %.2f s = %,.0f records/s after %,d warm-up"
                        + " records; service RSS %d MB%n", stage.name(), result.records(), seconds,
                        result.perSecond(), warmUp, result.serviceRssMegabytes());
                return result;
            } finally {
                service.destroy();
                service.waitFor();
            }
        }
    }

    /**
     * The capacity of a stage that publishes nothing per record (e.g. one that folds its input into a database), timed
     * by what its consumer group has committed: every record (warm-up and measured) is published before the service
     * starts, each to its own {@link ProducerRecord#topic() topic} (so one round may feed several input topics); the
     * service then drains the backlog, and the rate is timed between the moment the group's committed offsets on the
     * input topics (summed over every topic and partition) reach the warm-up's records and the moment they reach all
     * of them. Offsets are committed after the records are processed, so a committed record is done; the timing is as
     * fine as the service's commit interval (set it short through {@link Stage#environment()}, e.g. the Kafka
     * connector's {@code auto.commit.interval.ms} as a system property in {@code JAVA_TOOL_OPTIONS}). The stage's {@link Stage#outputTopic()} is not used and may be null. Records
     * that the service dead-lettered ({@code <input>-dlq}, when among {@link Stage#topics()}) are counted and printed:
     * they were consumed too, but not folded in.
     *
     * @param stage the stage
     * @param groupId the consumer group whose committed offsets show progress
     * @param records builds the records from a key prefix and a count, each with its topic
     * @param warmUp records drained before timing starts (the service's start and JIT warm-up)
     * @param measured records timed
     * @return records per second drained after the warm-up (no latencies: records waited in the backlog)
     */
    public static Result drainConsumerGroup(Stage stage, String groupId, RecordFactory records, int warmUp,
            int measured) throws Exception {
        requirePackaged(stage);
        try (KafkaBroker kafka = KafkaBroker.start(KafkaBroker.options().partitions(PARTITIONS).heap("512m"));
                PostgresServer postgres = stage.database() == null ? null : PostgresServer.start()) {
            Map<String, String> env = prepare(stage, kafka, postgres);
            List<ProducerRecord<String, byte[]>> warm = records.records("warm-", warmUp);
            List<ProducerRecord<String, byte[]>> bench = records.records("bench-", measured);
            Set<String> inputs = new LinkedHashSet<>();
            warm.forEach(r -> inputs.add(r.topic()));
            bench.forEach(r -> inputs.add(r.topic()));
            long published = System.nanoTime();
            try (KafkaProducer<String, byte[]> producer = producer(kafka.bootstrapServers())) {
                warm.forEach(producer::send);
                bench.forEach(producer::send);
                producer.flush();
            }
            System.out.printf("published %,d + %,d records to %s in %.1f s%n", warm.size(), bench.size(), inputs,
                    (System.nanoTime() - published) / 1e9);
            long started = System.nanoTime();
            Process service = start(stage, env);
            Runtime.getRuntime().addShutdownHook(new Thread(service::destroyForcibly));
            Properties adminConfig = new Properties();
            adminConfig.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            try (Admin admin = Admin.create(adminConfig)) {
                long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
                long[] start = awaitCommitted(admin, groupId, inputs, warm.size(), deadline, service);
                System.out.printf("warm-up: %,d records committed %.1f s after the service's start%n", start[0],
                        (start[1] - started) / 1e9);
                long[] end = awaitCommitted(admin, groupId, inputs, (long) warm.size() + bench.size(), deadline,
                        service);
                double seconds = (end[1] - start[1]) / 1e9;
                Result result = new Result((int) (end[0] - start[0]), seconds, new long[]{0},
                        rssMegabytes(service.pid()));
                Map<String, Long> deadLetters = deadLetters(admin, stage, inputs);
                System.out.printf("%s draining a backlog (group %s on %s): %,d records in %.2f s = %,.0f records/s"
                        + " after %,d warm-up records; service RSS %d MB; dead-lettered %s%n", stage.name(),
                        groupId, inputs, result.records(), seconds, result.perSecond(), start[0],
                        result.serviceRssMegabytes(), deadLetters);
                return result;
            } finally {
                service.destroy();
                service.waitFor();
            }
        }
    }

    /** @return {records committed, nanoTime when seen} once the group has committed at least {@code count} */
    private static long[] awaitCommitted(Admin admin, String groupId, Set<String> topics, long count, long deadline,
            Process service) throws Exception {
        while (true) {
            long total = 0;
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata().get();
            for (Map.Entry<TopicPartition, OffsetAndMetadata> e : committed.entrySet()) {
                if (e.getValue() != null && topics.contains(e.getKey().topic())) {
                    total += e.getValue().offset();
                }
            }
            if (total >= count) {
                return new long[]{total, System.nanoTime()};
            }
            if (System.nanoTime() > deadline || !service.isAlive()) {
                throw new IllegalStateException("group " + groupId + " committed only " + total + " of " + count
                        + " records of " + topics + (service.isAlive() ? "" : " (the service died)"));
            }
            Thread.sleep(20);
        }
    }

    /** @return the records on each input's dead-letter topic (those among the stage's topics) */
    private static Map<String, Long> deadLetters(Admin admin, Stage stage, Set<String> inputs) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (String input : inputs) {
            String dlq = input + "-dlq";
            if (stage.topics().contains(dlq)) {
                for (int p = 0; p < PARTITIONS; p++) {
                    latest.put(new TopicPartition(dlq, p), OffsetSpec.latest());
                }
            }
        }
        Map<String, Long> counts = new TreeMap<>();
        admin.listOffsets(latest).all().get()
                .forEach((tp, info) -> counts.merge(tp.topic(), info.offset(), Long::sum));
        return counts;
    }

    /** @return {outputs seen, nanoTime when seen} once the output topic holds at least {@code count} records */
    private static long[] awaitOutputs(KafkaConsumer<String, byte[]> offsets, List<TopicPartition> partitions,
            long count, long deadline, Process service, Stage stage) throws InterruptedException {
        while (true) {
            long total = offsets.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
            if (total >= count) {
                return new long[]{total, System.nanoTime()};
            }
            if (System.nanoTime() > deadline || !service.isAlive()) {
                throw new IllegalStateException("only " + total + " of " + count + " records arrived on "
                        + stage.outputTopic() + (service.isAlive() ? "" : " (the service died)"));
            }
            Thread.sleep(20);
        }
    }

    /** Builds the records of one round. */
    @FunctionalInterface
    public interface RecordFactory {

        /**
         * @param keyPrefix a prefix that makes this round's keys distinct from other rounds'
         * @param count how many records
         * @return the records, keyed, as bytes, each with its topic ({@link #drainConsumerGroup} publishes each to its
         *         own; {@link #run} and {@link #drain} expect the stage's input topic)
         */
        List<ProducerRecord<String, byte[]>> records(String keyPrefix, int count);
    }

    /**
     * @param topic the input topic
     * @param count how many records
     * @param keyPrefix the key prefix
     * @param value the value for a key
     * @return {@code count} records keyed {@code keyPrefix + i}
     */
    public static List<ProducerRecord<String, byte[]>> keyed(String topic, int count, String keyPrefix,
            Function<String, byte[]> value) {
        List<ProducerRecord<String, byte[]>> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String key = keyPrefix + i;
            list.add(new ProducerRecord<>(topic, key, value.apply(key)));
        }
        return list;
    }

    private static void requirePackaged(Stage stage) {
        if (!Files.exists(stage.quarkusRunJar())) {
            throw new IllegalStateException(stage.quarkusRunJar() + " is missing: package the service first");
        }
    }

    /** Creates the stage's topics (and database) and returns the service's environment pointing at them. */
    private static Map<String, String> prepare(Stage stage, KafkaBroker kafka, PostgresServer postgres)
            throws Exception {
        kafka.createTopics(stage.topics(), PARTITIONS);
        Map<String, String> env = new HashMap<>(stage.environment());
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        if (postgres != null) {
            postgres.createDatabase(stage.database());
            env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl(stage.database()));
            env.put("QUARKUS_DATASOURCE_USERNAME", postgres.username());
            env.put("QUARKUS_DATASOURCE_PASSWORD", postgres.password());
        }
        return env;
    }

    private static Process start(Stage stage, Map<String, String> env) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-jar", stage.quarkusRunJar().toString());
        builder.environment().putAll(env);
        builder.environment().put("QUARKUS_HTTP_PORT", "0");
        builder.environment().put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        Path log = stage.quarkusRunJar().getParent().getParent().resolve("throughput-service.log");
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        System.out.println("service log: " + log.toAbsolutePath());
        return builder.start();
    }

    private static Result round(Stage stage, KafkaProducer<String, byte[]> producer,
            KafkaConsumer<String, byte[]> consumer, List<ProducerRecord<String, byte[]>> records, Process service) {
        Map<String, Long> sentAt = new HashMap<>(records.size() * 2);
        long start = System.nanoTime();
        for (ProducerRecord<String, byte[]> record : records) {
            sentAt.put(record.key(), System.currentTimeMillis());
            producer.send(record);
        }
        producer.flush();
        long[] latencies = new long[records.size()];
        int received = 0;
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (received < records.size()) {
            if (System.nanoTime() > deadline || !service.isAlive()) {
                throw new IllegalStateException("only " + received + " of " + records.size() + " records arrived on "
                        + stage.outputTopic() + (service.isAlive() ? "" : " (the service died)"));
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
        return new Result(records.size(), seconds, latencies, rssMegabytes(service.pid()));
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
}
