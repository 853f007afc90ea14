package dev.cpo.segmentation.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cpo.events.Activity;
import dev.cpo.events.Consent;
import dev.cpo.events.CustomerEvent;
import dev.cpo.events.EventCodec;
import dev.cpo.events.Topics;
import dev.cpo.segmentation.persistence.ModelCodec;
import dev.cpo.segmentation.persistence.SegmentationModelRecord;
import dev.cpo.testing.KafkaResource;
import dev.cpo.testing.PostgresResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The k-means strategy chosen by configuration: trained, stored, labelled, and used for new customers. */
@QuarkusTest
@TestProfile(KMeansStrategyTest.KMeansProfile.class)
class KMeansStrategyTest {

    /** Its own database and the k-means strategy. */
    public static class KMeansProfile implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cpo.segmentation.strategy", "kmeans");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(KafkaResource.class),
                    new TestResourceEntry(PostgresResource.class, Map.of("database", "kmeans")));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    @Inject
    ModelCodec codec;

    @Test
    void kmeansModelIsTrainedStoredAndUsedForNewCustomers() {
        try (KafkaCompanion kafka = new KafkaCompanion(bootstrapServers)) {
            for (int i = 0; i < 60; i++) {
                // Three clear groups: recent big spenders, regular mid spenders, lapsed one-time buyers.
                int group = i % 3;
                send(kafka, "km-" + UUID.randomUUID(), new int[]{5, 60, 400}[group] + i % 7,
                        new int[]{25, 6, 1}[group], new int[]{2500, 400, 30}[group] + i);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/segments").then().extract().jsonPath()
                    .getInt("summary.customers") >= 60);

            JsonPath result = given().header("Authorization", "Bearer test-admin-token").post("/segments/recompute")
                    .then().statusCode(200).extract().jsonPath();

            String version = result.getString("modelVersion");
            assertThat(result.getString("strategy")).isEqualTo("kmeans");
            List<String> labels = given().get("/segments").then().statusCode(200).extract().jsonPath()
                    .getList("summary.segments.segment.label", String.class);
            assertThat(labels).hasSizeBetween(3, 7).doesNotHaveDuplicates()
                    .allMatch(l -> l.matches("[A-Z][A-Za-z -]+") && !l.toLowerCase().contains("cluster"));
            SegmentationModelRecord stored = QuarkusTransaction.requiringNew()
                    .call(() -> SegmentationModelRecord.<SegmentationModelRecord>findById(version));
            assertThat(codec.kmeans(stored).version()).isEqualTo(version);

            String newcomer = "km-new-" + UUID.randomUUID();
            send(kafka, newcomer, 3, 30, 3000);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/customers/{id}/segment",
                    newcomer).then().statusCode(200)
                    .body("segment.strategy", org.hamcrest.Matchers.equalTo("kmeans"))
                    .body("segment.modelVersion", org.hamcrest.Matchers.equalTo(version)));
        }
    }

    private static void send(KafkaCompanion kafka, String id, int recencyDays, int orders, long spend) {
        Instant now = Instant.now();
        Instant last = now.minus(Duration.ofDays(recencyDays));
        CustomerEvent event = new CustomerEvent(UUID.randomUUID(), CustomerEvent.SCHEMA_VERSION, now, id, "test",
                null, new Consent(true, null), new Activity(last, last.minus(Duration.ofDays(300)), last, orders,
                        BigDecimal.valueOf(spend), "USD"),
                List.of());
        kafka.produce(Serdes.String(), Serdes.ByteArray())
                .fromRecords(new ProducerRecord<>(Topics.CUSTOMERS, id, EventCodec.encode(event)))
                .awaitCompletion(Duration.ofSeconds(30));
    }
}
