package dev.cpo.segmentation.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cpo.events.Activity;
import dev.cpo.events.Consent;
import dev.cpo.events.CustomerEvent;
import dev.cpo.events.CustomerProfile;
import dev.cpo.events.EventCodec;
import dev.cpo.events.SegmentEvent;
import dev.cpo.events.Topics;
import dev.cpo.segmentation.persistence.CustomerState;
import dev.cpo.segmentation.persistence.ProcessedEvent;
import dev.cpo.testing.KafkaResource;
import dev.cpo.testing.PostgresResource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Serdes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The spine's proof on the real broker and database: customers in, state stored, segments out, bad input to DLQ. */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class CustomerFlowTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    @Inject
    MeterRegistry registry;

    private KafkaCompanion kafka;
    private ConsumerTask<String, byte[]> segments;
    private ConsumerTask<String, byte[]> deadLetters;

    @BeforeEach
    void connect() {
        kafka = new KafkaCompanion(bootstrapServers);
        segments = consume(Topics.SEGMENTS);
        deadLetters = consume(Topics.dlq(Topics.CUSTOMERS));
    }

    @AfterEach
    void disconnect() {
        segments.close();
        deadLetters.close();
        kafka.close();
    }

    @Test
    void publishedCustomerIsStoredAndSegmentedUnderItsId() {
        String customerId = uniqueCustomerId();
        CustomerEvent event = customer(customerId, Instant.now().truncatedTo(ChronoUnit.MILLIS));

        send(customerId, EventCodec.encode(event));

        ConsumerRecord<String, byte[]> out = awaitOne(segments, customerId);
        SegmentEvent segment = EventCodec.decode(out.value(), SegmentEvent.class);
        assertThat(out.key()).isEqualTo(customerId);
        assertThat(segment.customerId()).isEqualTo(customerId);
        assertThat(segment.causationId()).isEqualTo(event.eventId());
        assertThat(segment.segment().strategy()).as("cold start: lifecycle; later the configured model")
                .isIn("lifecycle", "rfm");
        assertThat(segment.features().frequency()).isEqualTo(4);
        assertThat(segment.features().monetary()).isEqualByComparingTo("250.40");
        assertThat(segment.features().emailConsent()).isTrue();

        CustomerState stored = QuarkusTransaction.requiringNew().call(() -> CustomerState.findById(customerId));
        assertThat(stored).isNotNull();
        assertThat(stored.orderCount).isEqualTo(4);
        assertThat(stored.lastEventId).isEqualTo(event.eventId());
        assertThat(stored.segmentId).isEqualTo(segment.segment().id());
    }

    @Test
    void segmentRecordContinuesTheTraceOfItsCustomerRecord() {
        String customerId = uniqueCustomerId();
        String traceId = UUID.randomUUID().toString().replace("-", "");
        ProducerRecord<String, byte[]> in = new ProducerRecord<>(Topics.CUSTOMERS, customerId,
                EventCodec.encode(customer(customerId, Instant.now())));
        in.headers().add("traceparent", ("00-" + traceId + "-00f067aa0ba902b7-00").getBytes(StandardCharsets.UTF_8));
        kafka.produce(Serdes.String(), Serdes.ByteArray()).fromRecords(in).awaitCompletion(TIMEOUT);

        ConsumerRecord<String, byte[]> out = awaitOne(segments, customerId);
        Header traceparent = out.headers().lastHeader("traceparent");
        assertThat(traceparent).as("W3C trace context header").isNotNull();
        assertThat(new String(traceparent.value(), StandardCharsets.UTF_8))
                .as("same trace, new span").startsWith("00-" + traceId + "-")
                .doesNotContain("00f067aa0ba902b7");
    }

    @Test
    void malformedRecordsGoToTheDeadLetterTopicWithTheReasonAndTheNextValidOneStillFlows() {
        String notJson = uniqueCustomerId();
        String missingId = uniqueCustomerId();
        String wrongType = uniqueCustomerId();
        String valid = uniqueCustomerId();
        String validJson = new String(EventCodec.encode(customer(wrongType, Instant.now())), StandardCharsets.UTF_8);

        send(notJson, "this is not JSON".getBytes(StandardCharsets.UTF_8));
        send(missingId,
                validJson.replace("\"customerId\":\"" + wrongType + "\",", "").getBytes(StandardCharsets.UTF_8));
        send(wrongType,
                validJson.replace("\"orderCount\":4", "\"orderCount\":\"four\"").getBytes(StandardCharsets.UTF_8));
        send(valid, EventCodec.encode(customer(valid, Instant.now())));

        assertThat(reasonFor(awaitOne(deadLetters, notJson))).containsIgnoringCase("JSON");
        assertThat(reasonFor(awaitOne(deadLetters, missingId))).contains("customerId");
        assertThat(reasonFor(awaitOne(deadLetters, wrongType))).contains("orderCount");
        ConsumerRecord<String, byte[]> dead = awaitOne(deadLetters, notJson);
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).as("original bytes kept")
                .isEqualTo("this is not JSON");
        assertThat(awaitOne(segments, valid).key()).isEqualTo(valid);
    }

    @Test
    void eventsThatBreakTheBusinessRulesAreDeadLetteredWithTheirReason() {
        String future = uniqueCustomerId();
        String negative = uniqueCustomerId();
        String oversized = uniqueCustomerId();
        String futurePurchase = uniqueCustomerId();
        String json = new String(EventCodec.encode(customer(future, Instant.now())), StandardCharsets.UTF_8);
        Instant nextWeek = Instant.now().plus(Duration.ofDays(7)).truncatedTo(ChronoUnit.SECONDS);
        CustomerEvent purchaseTomorrow = withLastPurchase(customer(futurePurchase, Instant.now()),
                Instant.now().plus(Duration.ofDays(1)));

        send(future, EventCodec.encode(customer(future, nextWeek)));
        send(negative, json.replace(future, negative).replace("\"totalSpend\":250.40", "\"totalSpend\":-5")
                .getBytes(StandardCharsets.UTF_8));
        send(oversized, json.replace(future, oversized).replace("\"source\":\"crm-test\"",
                "\"source\":\"" + "x".repeat(70_000) + "\"").getBytes(StandardCharsets.UTF_8));
        send(futurePurchase, EventCodec.encode(purchaseTomorrow));

        assertThat(reasonFor(awaitOne(deadLetters, future))).isEqualTo("field 'occurredAt' is in the future");
        assertThat(reasonFor(awaitOne(deadLetters, negative))).contains("activity.totalSpend")
                .contains("negative");
        assertThat(reasonFor(awaitOne(deadLetters, oversized))).contains("exceeds the limit of 65536 bytes");
        assertThat(reasonFor(awaitOne(deadLetters, futurePurchase)))
                .isEqualTo("field 'activity.lastPurchaseAt' is in the future");
        assertThat(withKey(segments, future)).isEmpty();
    }

    @Test
    void countsAddUpRecordsInEqualRecordsOutPlusDeadLettered() {
        double inBefore = count("cpo.records.in");
        double outBefore = count("cpo.records.out");
        double deadBefore = count("cpo.records.dead.lettered");
        String first = uniqueCustomerId();
        String second = uniqueCustomerId();
        String bad = uniqueCustomerId();

        send(first, EventCodec.encode(customer(first, Instant.now())));
        send(bad, "{\"eventId\": 42}".getBytes(StandardCharsets.UTF_8));
        send(second, EventCodec.encode(customer(second, Instant.now())));
        awaitOne(segments, first);
        awaitOne(segments, second);
        awaitOne(deadLetters, bad);

        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(count("cpo.records.in") - inBefore).isEqualTo(3);
            assertThat(count("cpo.records.out") - outBefore).isEqualTo(2);
            assertThat(count("cpo.records.dead.lettered") - deadBefore).isEqualTo(1);
        });
    }

    @Test
    void theSameEventDeliveredTwiceIsStoredOnce() {
        String customerId = uniqueCustomerId();
        CustomerEvent event = customer(customerId, Instant.now());

        send(customerId, EventCodec.encode(event));
        send(customerId, EventCodec.encode(event));

        List<ConsumerRecord<String, byte[]>> out = awaitRecords(segments, customerId, 2);
        assertThat(out).extracting(r -> EventCodec.decode(r.value(), SegmentEvent.class).eventId())
                .as("a redelivered input yields the same output event id").containsOnly(
                        EventCodec.decode(out.get(0).value(), SegmentEvent.class).eventId());
        long ledgerRows = QuarkusTransaction.requiringNew()
                .call(() -> ProcessedEvent.count("customerId", customerId));
        assertThat(ledgerRows).isEqualTo(1);
    }

    @Test
    void anOlderEventNeverOverwritesNewerState() {
        String customerId = uniqueCustomerId();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        CustomerEvent newer = customer(customerId, now);
        CustomerEvent older = withOrders(customer(customerId, now.minus(Duration.ofHours(1))), 1);

        send(customerId, EventCodec.encode(newer));
        send(customerId, EventCodec.encode(older));

        awaitRecords(segments, customerId, 2);
        CustomerState stored = QuarkusTransaction.requiringNew().call(() -> CustomerState.findById(customerId));
        assertThat(stored.lastEventId).isEqualTo(newer.eventId());
        assertThat(stored.orderCount).isEqualTo(4);
    }

    @Test
    void personalDataNeverReachesTheLog() throws Exception {
        String customerId = uniqueCustomerId();
        String email = "grace.hopper." + UUID.randomUUID() + "@example.com";
        String lastName = "Hopper" + UUID.randomUUID().toString().substring(0, 8);
        CustomerEvent event = customer(customerId, Instant.now());
        CustomerEvent withPersonalData = new CustomerEvent(event.eventId(), event.schemaVersion(), event.occurredAt(),
                customerId, event.source(), new CustomerProfile("Grace", lastName, email, "US", "en", null, null),
                event.consent(), event.activity(), event.transactions());
        String json = new String(EventCodec.encode(withPersonalData), StandardCharsets.UTF_8);
        String broken = uniqueCustomerId();

        send(customerId, json.getBytes(StandardCharsets.UTF_8));
        send(broken, json.replace("\"orderCount\":4", "\"orderCount\":-4").replace(customerId, broken)
                .getBytes(StandardCharsets.UTF_8));
        send(broken + "-x",
                ("{\"email\": \"" + email + "\", " + json.substring(1, 40)).getBytes(StandardCharsets.UTF_8));
        awaitOne(segments, customerId);
        awaitOne(deadLetters, broken);
        awaitOne(deadLetters, broken + "-x");

        String log = Files.readString(Path.of("target/quarkus-test.log"));
        assertThat(log).as("the service did log these records").contains("Rejected customers record");
        assertThat(log).doesNotContain(email).doesNotContain(lastName);
    }

    private static CustomerEvent customer(String customerId, Instant occurredAt) {
        Instant lastPurchase = occurredAt.minus(Duration.ofDays(12));
        return new CustomerEvent(UUID.randomUUID(), CustomerEvent.SCHEMA_VERSION, occurredAt, customerId, "crm-test",
                new CustomerProfile("Ada", "Lovelace", "ada@example.com", "GB", "en",
                        occurredAt.minus(Duration.ofDays(400)), "gold"),
                new Consent(true, occurredAt.minus(Duration.ofDays(30))),
                new Activity(occurredAt.minus(Duration.ofDays(2)), occurredAt.minus(Duration.ofDays(380)),
                        lastPurchase, 4, new BigDecimal("250.40"), "GBP"),
                List.of());
    }

    private static CustomerEvent withOrders(CustomerEvent e, int orders) {
        Activity a = e.activity();
        return new CustomerEvent(e.eventId(), e.schemaVersion(), e.occurredAt(), e.customerId(), e.source(),
                e.profile(), e.consent(), new Activity(a.lastActivityAt(), a.firstPurchaseAt(), a.lastPurchaseAt(),
                        orders, a.totalSpend(), a.currency()),
                e.transactions());
    }

    private static CustomerEvent withLastPurchase(CustomerEvent e, Instant lastPurchase) {
        Activity a = e.activity();
        return new CustomerEvent(e.eventId(), e.schemaVersion(), e.occurredAt(), e.customerId(), e.source(),
                e.profile(), e.consent(), new Activity(a.lastActivityAt(), a.firstPurchaseAt(), lastPurchase,
                        a.orderCount(), a.totalSpend(), a.currency()),
                e.transactions());
    }

    private void send(String key, byte[] value) {
        kafka.produce(Serdes.String(), Serdes.ByteArray())
                .fromRecords(new ProducerRecord<>(Topics.CUSTOMERS, key, value)).awaitCompletion(TIMEOUT);
    }

    private ConsumerTask<String, byte[]> consume(String topic) {
        return kafka.consume(Serdes.String(), Serdes.ByteArray())
                .withGroupId("test-" + UUID.randomUUID())
                .withOffsetReset(OffsetResetStrategy.EARLIEST)
                .fromTopics(topic);
    }

    private static ConsumerRecord<String, byte[]> awaitOne(ConsumerTask<String, byte[]> task, String key) {
        return awaitRecords(task, key, 1).get(0);
    }

    private static List<ConsumerRecord<String, byte[]>> awaitRecords(ConsumerTask<String, byte[]> task, String key,
            int count) {
        await().atMost(TIMEOUT).until(() -> withKey(task, key).size() >= count);
        return withKey(task, key);
    }

    private static List<ConsumerRecord<String, byte[]>> withKey(ConsumerTask<String, byte[]> task, String key) {
        return task.getRecords().stream().filter(r -> key.equals(r.key())).toList();
    }

    private static String reasonFor(ConsumerRecord<String, byte[]> record) {
        Header reason = record.headers().lastHeader("dead-letter-reason");
        assertThat(reason).as("dead-letter-reason header").isNotNull();
        return new String(reason.value(), StandardCharsets.UTF_8);
    }

    private double count(String name) {
        return registry.find(name).tag("stage", "segmentation").counters().stream().mapToDouble(Counter::count).sum();
    }

    private static String uniqueCustomerId() {
        return "c-" + UUID.randomUUID();
    }
}
