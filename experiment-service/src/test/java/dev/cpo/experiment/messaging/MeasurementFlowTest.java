package dev.cpo.experiment.messaging;

import static dev.cpo.testing.TopicProbe.awaitOne;
import static dev.cpo.testing.TopicProbe.deadLetterReason;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cpo.events.AssignmentEvent;
import dev.cpo.events.EngagementEvent;
import dev.cpo.events.EngagementType;
import dev.cpo.events.EventCodec;
import dev.cpo.events.ScreenedEvent;
import dev.cpo.events.Segment;
import dev.cpo.events.Topics;
import dev.cpo.experiment.TestEvents;
import dev.cpo.testing.KafkaResource;
import dev.cpo.testing.PostgresResource;
import dev.cpo.testing.TopicProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Engagement in, aggregates out, on the real broker and database: customers are counted once whatever the number of
 * events, duplicates are ignored, the funnel rule implies missing steps and counts them, revenue adds up per
 * customer, bad or unknown records go to engagement-dlq, counts add up, snapshots reach experiment-metrics.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = PostgresResource.DATABASE_ARG, value = "experiment"))
class MeasurementFlowTest {

    static final String EXPERIMENT = "tone-test";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    @Inject
    MeterRegistry registry;

    private TopicProbe kafka;
    private ConsumerTask<String, byte[]> assignments;
    private ConsumerTask<String, byte[]> deadLetters;
    private ConsumerTask<String, byte[]> snapshots;

    @BeforeEach
    void connect() {
        kafka = new TopicProbe(bootstrapServers);
        assignments = kafka.consume(Topics.ASSIGNMENTS);
        deadLetters = kafka.consume(Topics.dlq(Topics.ENGAGEMENT));
        snapshots = kafka.consume(Topics.EXPERIMENT_METRICS);
    }

    @AfterEach
    void disconnect() {
        assignments.close();
        deadLetters.close();
        snapshots.close();
        kafka.close();
    }

    @Test
    void engagementIsCountedPerCustomerOnceWithImpliedStepsAndRevenue() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Segment segment = TestEvents.segment("seg-m-" + tag);
        // Eight customers of one segment: two permuted blocks, so two per arm.
        List<AssignmentEvent> assigned = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ScreenedEvent e = TestEvents.screened("m-" + tag + "-" + i, segment, true, TestEvents.variants(tag));
            kafka.send(Topics.SCREENED, e.customerId(), EventCodec.encode(e));
        }
        for (int i = 0; i < 8; i++) {
            assigned.add(EventCodec.decode(awaitOne(assignments, "m-" + tag + "-" + i).value(),
                    AssignmentEvent.class));
        }
        AssignmentEvent urgent = assigned.stream().filter(a -> a.arm().equals("urgent")).findFirst().orElseThrow();
        AssignmentEvent control = assigned.stream().filter(a -> a.arm().equals("control")).findFirst()
                .orElseThrow();
        await().atMost(TopicProbe.TIMEOUT).untilAsserted(() -> assertThat(segmentArm(segment.id(), "urgent")
                .getLong("n")).isEqualTo(2));

        // The urgent customer: opened twice, clicked, converted twice (10.50 + 4.50); one event sent twice.
        EngagementEvent opened = engagement(urgent, EngagementType.OPENED, null);
        send(opened);
        send(opened);
        send(engagement(urgent, EngagementType.OPENED, null));
        send(engagement(urgent, EngagementType.CLICKED, null));
        send(engagement(urgent, EngagementType.CONVERTED, new BigDecimal("10.50")));
        send(engagement(urgent, EngagementType.CONVERTED, new BigDecimal("4.50")));
        // The control customer converts without an open or click: both are implied.
        send(engagement(control, EngagementType.CONVERTED, new BigDecimal("20.00")));

        await().atMost(TopicProbe.TIMEOUT).untilAsserted(() -> {
            JsonPath u = segmentArm(segment.id(), "urgent");
            assertThat(u.getLong("n")).isEqualTo(2);
            assertThat(u.getLong("opens")).isEqualTo(1);
            assertThat(u.getLong("clicks")).isEqualTo(1);
            assertThat(u.getLong("conversions")).isEqualTo(1);
            assertThat(u.getDouble("revenue")).isEqualTo(15.0);
            JsonPath c = segmentArm(segment.id(), "control");
            assertThat(c.getLong("opens")).isEqualTo(1);
            assertThat(c.getLong("clicks")).isEqualTo(1);
            assertThat(c.getLong("conversions")).isEqualTo(1);
            assertThat(c.getDouble("revenue")).isEqualTo(20.0);
        });
        assertThat(measured("engagement", "duplicate")).isGreaterThanOrEqualTo(1);
        assertThat(measured("engagement", "normalized")).isGreaterThanOrEqualTo(1);

        JsonPath metrics = given().get("/experiments/" + EXPERIMENT + "/metrics").then().statusCode(200).extract()
                .jsonPath();
        assertThat(metrics.getLong("arms.control.impliedClicks")).isGreaterThanOrEqualTo(1);
        assertThat(metrics.getList("analysis.comparisons")).isNotEmpty();
        assertThat(metrics.getString("analysis.srm.pValue")).isNotNull();
        assertThat(metrics.getLong("power.requiredPerArm")).isPositive();
    }

    @Test
    void badUnknownAndInconsistentRecordsAreDeadLetteredAndCountsAddUp() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        double inBefore = stageCount("cpo.records.in");
        double measuredBefore = measuredTotal();
        double deadBefore = deadLettered();

        kafka.send(Topics.ENGAGEMENT, "bad-" + tag, "{\"eventId\":1}".getBytes(StandardCharsets.UTF_8));
        EngagementEvent unknown = TestEvents.engagement("no-such-experiment", "unknown-" + tag, "control", "s",
                EngagementType.OPENED, null);
        send(unknown);
        EngagementEvent noArm = TestEvents.engagement(EXPERIMENT, "noarm-" + tag, "shouting", "s",
                EngagementType.OPENED, null);
        send(noArm);
        // The same customer in two arms: the second event contradicts the first.
        send(TestEvents.engagement(EXPERIMENT, "twoarms-" + tag, "urgent", "s", EngagementType.OPENED, null));
        send(TestEvents.engagement(EXPERIMENT, "twoarms-" + tag, "friendly", "s", EngagementType.CLICKED, null));

        assertThat(deadLetterReason(awaitOne(deadLetters, "bad-" + tag))).contains("eventId");
        assertThat(deadLetterReason(awaitOne(deadLetters, "unknown-" + tag))).isEqualTo(
                "unknown experiment in field 'experimentId'");
        assertThat(deadLetterReason(awaitOne(deadLetters, "noarm-" + tag))).isEqualTo(
                "field 'arm' names no arm of the experiment");
        assertThat(deadLetterReason(awaitOne(deadLetters, "twoarms-" + tag))).contains("does not match");

        // Every record consumed since the start is measured or dead-lettered (other tests' records included, so
        // wait until the consumer is idle).
        await().atMost(Duration.ofMinutes(3)).untilAsserted(() -> {
            double in = stageCount("cpo.records.in");
            assertThat(in - inBefore).isGreaterThanOrEqualTo(5);
            assertThat(measuredTotal() + deadLettered()).isEqualTo(in);
            assertThat(deadLettered() - deadBefore).isGreaterThanOrEqualTo(4);
        });
        assertThat(measuredTotal()).isGreaterThanOrEqualTo(measuredBefore);
    }

    @Test
    void aSnapshotOnDemandReachesTheMetricsTopic() {
        given().post("/experiments/" + EXPERIMENT + "/snapshot").then().statusCode(202);
        String json = new String(awaitOne(snapshots, EXPERIMENT).value(), StandardCharsets.UTF_8);
        assertThat(json).contains("\"experimentId\":\"" + EXPERIMENT + "\"").contains("\"analysis\"");
        given().post("/experiments/nope/snapshot").then().statusCode(404);
    }

    private void send(EngagementEvent e) {
        kafka.send(Topics.ENGAGEMENT, e.customerId(), EventCodec.encode(e));
    }

    private static EngagementEvent engagement(AssignmentEvent a, EngagementType type, BigDecimal revenue) {
        return TestEvents.engagement(a.experimentId(), a.customerId(), a.arm(), a.segment().id(), type, revenue);
    }

    private static JsonPath segmentArm(String segmentId, String arm) {
        JsonPath segments = given().get("/experiments/" + EXPERIMENT + "/segments").then().statusCode(200)
                .extract().jsonPath();
        List<Map<String, Object>> all = segments.getList("segments");
        for (int i = 0; i < all.size(); i++) {
            if (segmentId.equals(all.get(i).get("segment"))) {
                List<Map<String, Object>> arms = segments.getList("segments[" + i + "].analysis.arms");
                for (int k = 0; k < arms.size(); k++) {
                    if (arm.equals(arms.get(k).get("name"))) {
                        return new JsonPath(segments.prettify()).setRootPath("segments[" + i + "].analysis.arms["
                                + k + "]");
                    }
                }
            }
        }
        return new JsonPath("{\"n\":0}");
    }

    private double measured(String topic, String fate) {
        Counter c = registry.find("cpo.experiment.measured").tag("topic", topic).tag("fate", fate).counter();
        return c == null ? 0 : c.count();
    }

    private double measuredTotal() {
        return registry.find("cpo.experiment.measured").counters().stream().mapToDouble(Counter::count).sum();
    }

    private double deadLettered() {
        return registry.find("cpo.records.dead.lettered").tag("stage", "measurement").counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    private double stageCount(String name) {
        Counter c = registry.find(name).tag("stage", "measurement").counter();
        return c == null ? 0 : c.count();
    }
}
