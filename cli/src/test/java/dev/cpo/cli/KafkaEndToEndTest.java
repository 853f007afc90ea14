package dev.cpo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpo.events.CustomerEvent;
import dev.cpo.events.EventCodec;
import dev.cpo.testing.kafka.KafkaBroker;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI against a real Kafka broker (a child JVM started by cpo-testing). Each test uses its own topics. */
class KafkaEndToEndTest {

    private static final String CSV = """
            customer_id,order_id,occurred_at,amount,quantity,email_consent,country,first_name,last_name,email,currency
            C-1,O-1,2024-01-05T10:00:00Z,100.00,2,true,de,Ada,Lovelace,ada@example.com,EUR
            C-1,O-2,2024-02-10,50.50,1,,,,,,EUR
            C-1,O-2,2024-02-11T09:00:00+01:00,-20.25,1,,,,,,EUR
            C-2,O-3,2024-03-01T00:00:00Z,10,,,,,,,
            ,O-4,2024-03-02,5,,,,,,,
            C-3,O-5,2024-01-01,30,,false,,,,,
            """;

    private static KafkaBroker kafka;

    @TempDir
    Path dir;

    @BeforeAll
    static void startKafka() {
        kafka = KafkaBroker.start(KafkaBroker.options().partitions(3));
        kafka.createTopics(List.of("import-it", "import-bad-it", "it-customers-dlq"), 3);
    }

    @AfterAll
    static void stopKafka() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void importedCustomersArriveKeyedByIdAndARerunReusesTheirIds() throws IOException {
        Path file = Files.writeString(dir.resolve("crm.csv"), CSV);
        String[] command = {"import-customers", file.toString(), "--format", "csv", "--bootstrap-servers",
                kafka.bootstrapServers(), "--topic", "import-it", "--as-of", "2025-03-01T06:00:00Z"};

        CliRun run = CliRun.run(command);

        assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("done: 3 events acknowledged on import-it")
                .containsPattern("rows without customer id +1").containsPattern("consent true / false +1 / 2")
                .doesNotContain("Ada", "ada@example.com");
        assertThat(run.err()).contains("sent 3/3 (100%)");

        List<ConsumerRecord<String, byte[]>> records = consume("import-it", 3);
        Map<String, CustomerEvent> events = records.stream().collect(Collectors.toMap(ConsumerRecord::key,
                r -> EventCodec.decode(r.value(), CustomerEvent.class)));
        assertThat(events).containsOnlyKeys("C-1", "C-2", "C-3");
        events.forEach((key, event) -> assertThat(event.customerId()).isEqualTo(key));
        CustomerEvent c1 = events.get("C-1");
        assertThat(c1.occurredAt()).isEqualTo(Instant.parse("2025-03-01T06:00:00Z"));
        assertThat(c1.activity().orderCount()).isEqualTo(2);
        assertThat(c1.activity().totalSpend()).isEqualByComparingTo(new BigDecimal("130.25"));
        assertThat(c1.activity().currency()).isEqualTo("EUR");
        assertThat(c1.transactions()).hasSize(3);
        assertThat(c1.consent().emailMarketing()).isTrue();
        assertThat(c1.profile().email()).isEqualTo("ada@example.com");
        assertThat(events.get("C-2").consent().emailMarketing()).isFalse();

        CliRun again = CliRun.run(command);
        assertThat(again.exitCode()).isEqualTo(ExitCodes.OK);
        List<ConsumerRecord<String, byte[]>> both = consume("import-it", 6);
        Map<String, List<Object>> idsByKey = both.stream().collect(Collectors.groupingBy(ConsumerRecord::key,
                Collectors.mapping(r -> EventCodec.decode(r.value(), CustomerEvent.class).eventId(),
                        Collectors.toList())));
        idsByKey.values().forEach(ids -> assertThat(ids).hasSize(2).containsOnly(ids.get(0)));
    }

    @Test
    void aFileWithABadLineSendsNothingUnlessBadLinesAreSkipped() throws IOException {
        Path file = Files.writeString(dir.resolve("bad.csv"), CSV + "C-4,O-9,2024-13-01,5,,,,,,,\n");
        String[] command = {"import-customers", file.toString(), "--format", "csv", "--bootstrap-servers",
                kafka.bootstrapServers(), "--topic", "import-bad-it"};

        CliRun refused = CliRun.run(command);

        assertThat(refused.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(refused.err()).contains("line 8: occurred_at").contains("nothing sent");
        assertThat(endOffsets("import-bad-it")).isZero();

        String[] skipping = java.util.stream.Stream.concat(java.util.Arrays.stream(command),
                java.util.stream.Stream.of("--skip-bad-lines")).toArray(String[]::new);
        CliRun skipped = CliRun.run(skipping);
        assertThat(skipped.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(skipped.out()).containsPattern("skipped bad lines +1").contains("done: 3 events acknowledged");
        assertThat(consume("import-bad-it", 3)).extracting(ConsumerRecord::key)
                .containsExactlyInAnyOrder("C-1", "C-2", "C-3");
    }

    @Test
    void tailPrintsTheDeadLetterReasonOfADlqRecord() {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                "bootstrap.servers", kafka.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>("it-customers-dlq", "C-7",
                    "{\"customerId\":\"C-7\"}".getBytes(StandardCharsets.UTF_8));
            record.headers().add("dead-letter-reason", utf8("missing required field 'consent'"));
            record.headers().add("dead-letter-topic", utf8("customers"));
            record.headers().add("dead-letter-partition", utf8("1"));
            record.headers().add("dead-letter-offset", utf8("5"));
            producer.send(record);
            producer.send(new ProducerRecord<>("it-customers-dlq", "C-8", utf8("garbage")));
            producer.flush();
        }

        CliRun run = CliRun.run("tail", "it-customers-dlq", "--from-beginning", "--max", "2", "--timeout", "30s",
                "--bootstrap-servers", kafka.bootstrapServers());

        assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("key=C-7").contains("!! DEAD LETTER: missing required field 'consent'")
                .contains("!! from customers[1]@5").contains("\"customerId\" : \"C-7\"")
                .contains("key=C-8").contains("(no dead-letter-reason header)").contains("(not JSON) garbage");
        assertThat(run.err()).contains("2 record(s)");

        CliRun idle = CliRun.run("tail", "it-customers-dlq", "--timeout", "1s", "--bootstrap-servers",
                kafka.bootstrapServers());
        assertThat(idle.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(idle.out()).isEmpty();
        assertThat(idle.err()).contains("new records only").contains("0 record(s)");

        CliRun unknown = CliRun.run("tail", "no-such-topic-it", "--timeout", "1s", "--bootstrap-servers",
                kafka.bootstrapServers());
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(unknown.err()).contains("no topic no-such-topic-it");
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static KafkaConsumer<String, byte[]> consumer() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static long endOffsets(String topic) {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static List<ConsumerRecord<String, byte[]>> consume(String topic, int expected) {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            // nothing more than expected
            consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            assertThat(records).hasSize(expected);
            return records;
        }
    }
}
