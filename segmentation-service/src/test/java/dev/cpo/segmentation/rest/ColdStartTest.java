package dev.cpo.segmentation.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import dev.cpo.events.Activity;
import dev.cpo.events.Consent;
import dev.cpo.events.CustomerEvent;
import dev.cpo.events.EventCodec;
import dev.cpo.events.SegmentEvent;
import dev.cpo.events.Topics;
import dev.cpo.testing.KafkaResource;
import dev.cpo.testing.PostgresResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * A fresh database: a model-based strategy gives lifecycle segments until enough customers are stored, then trains
 * its first model by itself and republishes the customers whose segment changed. Also: without an admin token the
 * admin endpoints are closed.
 */
@QuarkusTest
@TestProfile(ColdStartTest.FreshDatabase.class)
class ColdStartTest {

    /** Its own database, a low training threshold, no admin token. */
    public static class FreshDatabase implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cpo.segmentation.min-customers-for-model", "5", "cpo.admin-token", "");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(KafkaResource.class),
                    new TestResourceEntry(PostgresResource.class, Map.of("database", "coldstart")));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void firstModelIsTrainedOnceEnoughCustomersAreStored() {
        List<String> ids = new ArrayList<>();
        try (KafkaCompanion kafka = new KafkaCompanion(bootstrapServers);
                ConsumerTask<String, byte[]> segments = kafka.consume(Serdes.String(), Serdes.ByteArray())
                        .withGroupId("test-" + UUID.randomUUID()).withOffsetReset(OffsetResetStrategy.EARLIEST)
                        .fromTopics(Topics.SEGMENTS)) {
            Instant now = Instant.now();
            for (int i = 0; i < 8; i++) {
                String id = "cold-" + UUID.randomUUID();
                ids.add(id);
                CustomerEvent event = new CustomerEvent(UUID.randomUUID(), CustomerEvent.SCHEMA_VERSION, now, id,
                        "test", null, new Consent(true, null), new Activity(now.minus(Duration.ofDays(i * 40L)), null,
                                now.minus(Duration.ofDays(i * 40L)), 1 + i * 3, BigDecimal.valueOf(50L + i * 120L),
                                "USD"),
                        List.of());
                kafka.produce(Serdes.String(), Serdes.ByteArray())
                        .fromRecords(new ProducerRecord<>(Topics.CUSTOMERS, id, EventCodec.encode(event)))
                        .awaitCompletion(Duration.ofSeconds(30));
            }

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                for (String id : ids) {
                    given().get("/customers/{id}/segment", id).then().statusCode(200)
                            .body("segment.strategy", org.hamcrest.Matchers.equalTo("rfm"));
                }
            });
            SegmentEvent first = EventCodec.decode(segments.getRecords().stream()
                    .filter(r -> ids.get(0).equals(r.key())).findFirst().orElseThrow().value(), SegmentEvent.class);
            assertThat(first.segment().strategy()).as("before the first model").isEqualTo("lifecycle");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(segments.getRecords().stream()
                    .filter(r -> ids.get(0).equals(r.key()))
                    .map(r -> EventCodec.decode(r.value(), SegmentEvent.class).segment().strategy()))
                    .as("republished with the new model").contains("rfm"));
        }
    }

    @Test
    void withoutAnAdminTokenAdminEndpointsAreClosed() {
        given().header("Authorization", "Bearer anything").post("/segments/recompute").then().statusCode(403)
                .body("error", containsString("CPO_ADMIN_TOKEN"));
    }
}
