package dev.cpo.segmentation.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.cpo.events.Activity;
import dev.cpo.events.Consent;
import dev.cpo.events.CustomerEvent;
import dev.cpo.events.EventCodec;
import dev.cpo.events.EventIds;
import dev.cpo.events.SegmentEvent;
import dev.cpo.events.Topics;
import dev.cpo.segmentation.persistence.ModelCodec;
import dev.cpo.segmentation.persistence.SegmentationModelRecord;
import dev.cpo.testing.KafkaResource;
import dev.cpo.testing.PostgresResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The REST edge: a customer's segment, the segment summary, and the protected recompute. */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class SegmentEndpointsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String ADMIN = "Bearer test-admin-token";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    @Inject
    ModelCodec codec;

    private KafkaCompanion kafka;
    private ConsumerTask<String, byte[]> segments;

    @BeforeEach
    void connect() {
        kafka = new KafkaCompanion(bootstrapServers);
        segments = kafka.consume(Serdes.String(), Serdes.ByteArray()).withGroupId("test-" + UUID.randomUUID())
                .withOffsetReset(OffsetResetStrategy.EARLIEST).fromTopics(Topics.SEGMENTS);
    }

    @AfterEach
    void disconnect() {
        segments.close();
        kafka.close();
    }

    @Test
    void unknownCustomerIs404WithAMessage() {
        given().get("/customers/{id}/segment", "nobody-" + UUID.randomUUID()).then().statusCode(404)
                .body("status", equalTo(404)).body("error", containsString("no customer"));
    }

    @Test
    void aCustomersSegmentIsWhatItsLastSegmentsEventSaid() {
        Map<String, CustomerEvent> sent = sendCustomers(1);
        String customerId = sent.keySet().iterator().next();
        SegmentEvent published = lastSegmentEventOf(customerId);

        JsonPath body = given().get("/customers/{id}/segment", customerId).then().statusCode(200).extract()
                .jsonPath();
        assertThat(body.getString("segment.id")).isEqualTo(published.segment().id());
        assertThat(body.getInt("features.frequency")).isEqualTo(published.features().frequency());
        assertThat(body.getString("features")).doesNotContain("@");
    }

    @Test
    void recomputeNeedsTheAdminToken() {
        given().post("/segments/recompute").then().statusCode(401).header("WWW-Authenticate", "Bearer")
                .body("error", containsString("admin token"));
        given().header("Authorization", "Bearer wrong").post("/segments/recompute").then().statusCode(401);
    }

    @Test
    void recomputeTrainsAStoredModelAndRepublishesExactlyTheCustomersWhoseSegmentChanged() {
        Map<String, CustomerEvent> sent = sendCustomers(40);
        Map<String, String> before = new HashMap<>();
        for (String id : sent.keySet()) {
            before.put(id, given().get("/customers/{id}/segment", id).then().statusCode(200).extract()
                    .path("segment.id"));
        }

        JsonPath result = given().header("Authorization", ADMIN).post("/segments/recompute").then().statusCode(200)
                .extract().jsonPath();

        String version = result.getString("modelVersion");
        assertThat(result.getString("strategy")).isEqualTo("rfm");
        assertThat(version).startsWith("rfm-");
        assertThat(result.getInt("customers")).isGreaterThanOrEqualTo(sent.size());
        List<String> changedHere = new ArrayList<>();
        for (String id : sent.keySet()) {
            String after = given().get("/customers/{id}/segment", id).then().statusCode(200).extract()
                    .path("segment.id");
            assertThat(after).startsWith("rfm-");
            if (!after.equals(before.get(id))) {
                changedHere.add(id);
            }
        }
        await().atMost(TIMEOUT).untilAsserted(() -> {
            for (String id : sent.keySet()) {
                UUID recomputeEventId = EventIds.derive(sent.get(id).eventId(), "segmentation-recompute:" + version);
                long republished = segments.getRecords().stream().filter(r -> id.equals(r.key()))
                        .filter(r -> EventCodec.decode(r.value(), SegmentEvent.class).eventId()
                                .equals(recomputeEventId))
                        .count();
                assertThat(republished).as("segments events of the recompute for " + id)
                        .isEqualTo(changedHere.contains(id) ? 1 : 0);
            }
        });
        SegmentationModelRecord stored = QuarkusTransaction.requiringNew()
                .call(() -> SegmentationModelRecord.<SegmentationModelRecord>findById(version));
        assertThat(stored.trainedOn).isEqualTo(result.getInt("customers"));
        assertThat(codec.rfm(stored).version()).isEqualTo(version);
    }

    @Test
    void summaryCoversEveryCustomerWithSharesAndFeatureStatistics() {
        sendCustomers(10);
        given().header("Authorization", ADMIN).post("/segments/recompute").then().statusCode(200);

        JsonPath summary = given().get("/segments").then().statusCode(200).extract().jsonPath();

        int customers = summary.getInt("summary.customers");
        List<Integer> sizes = summary.getList("summary.segments.size", Integer.class);
        List<Float> shares = summary.getList("summary.segments.share", Float.class);
        assertThat(customers).isGreaterThanOrEqualTo(10);
        assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(customers);
        assertThat(shares.stream().mapToDouble(Float::doubleValue).sum()).isCloseTo(1.0,
                org.assertj.core.data.Offset.offset(0.001));
        assertThat(summary.getList("summary.segments.segment.label", String.class)).allMatch(
                l -> l.matches("[A-Za-z][A-Za-z -]+"));
        assertThat(summary.getString("strategy")).isEqualTo("rfm");
        assertThat(summary.getList("summary.segments.monetary.mean")).doesNotContainNull();
    }

    private Map<String, CustomerEvent> sendCustomers(int count) {
        Map<String, CustomerEvent> sent = new HashMap<>();
        Instant now = Instant.now();
        for (int i = 0; i < count; i++) {
            String id = "rest-" + UUID.randomUUID();
            Instant lastPurchase = now.minus(Duration.ofDays(3 + i * 9L));
            CustomerEvent event = new CustomerEvent(UUID.randomUUID(), CustomerEvent.SCHEMA_VERSION, now, id, "test",
                    null, new Consent(true, null), new Activity(lastPurchase, lastPurchase.minus(Duration.ofDays(
                            200)), lastPurchase, 1 + (i * 7) % 23, BigDecimal.valueOf(20L + (i * 37L) % 900), "USD"),
                    List.of());
            sent.put(id, event);
            kafka.produce(Serdes.String(), Serdes.ByteArray())
                    .fromRecords(new ProducerRecord<>(Topics.CUSTOMERS, id, EventCodec.encode(event)))
                    .awaitCompletion(TIMEOUT);
        }
        await().atMost(TIMEOUT).until(() -> sent.keySet().stream().allMatch(id -> segments.getRecords().stream()
                .anyMatch(r -> id.equals(r.key()))));
        return sent;
    }

    private SegmentEvent lastSegmentEventOf(String customerId) {
        List<ConsumerRecord<String, byte[]>> records = segments.getRecords().stream()
                .filter(r -> customerId.equals(r.key())).toList();
        return EventCodec.decode(records.get(records.size() - 1).value(), SegmentEvent.class);
    }
}
