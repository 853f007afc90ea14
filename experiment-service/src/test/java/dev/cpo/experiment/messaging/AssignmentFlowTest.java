package dev.cpo.experiment.messaging;

import static dev.cpo.testing.TopicProbe.awaitOne;
import static dev.cpo.testing.TopicProbe.deadLetterReason;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cpo.events.ArmKind;
import dev.cpo.events.AssignmentEvent;
import dev.cpo.events.EventCodec;
import dev.cpo.events.EventIds;
import dev.cpo.events.ScreenedEvent;
import dev.cpo.events.Segment;
import dev.cpo.events.Topics;
import dev.cpo.experiment.TestEvents;
import dev.cpo.experiment.definition.ExperimentDefinition;
import dev.cpo.experiment.persistence.ExperimentRegistry;
import dev.cpo.experiment.persistence.JdbcAssigner;
import jakarta.inject.Inject;
import java.time.Instant;
import dev.cpo.testing.KafkaResource;
import dev.cpo.testing.PostgresResource;
import dev.cpo.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * screened in, assignments out, on the real broker and database: permuted blocks balance every segment, treatment
 * customers get their tone's passed variant and a blocked tone falls back to the control message, the arm is sticky
 * on replay, the contact policy skips (and counts) customers, bad records are dead-lettered.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = PostgresResource.DATABASE_ARG, value = "experiment"))
class AssignmentFlowTest {

    static final String EXPERIMENT = "tone-test";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    @Inject
    JdbcAssigner assigner;
    @Inject
    ExperimentRegistry experiments;

    private TopicProbe kafka;
    private ConsumerTask<String, byte[]> assignments;
    private ConsumerTask<String, byte[]> skips;
    private ConsumerTask<String, byte[]> deadLetters;

    @BeforeEach
    void connect() {
        kafka = new TopicProbe(bootstrapServers);
        assignments = kafka.consume(Topics.ASSIGNMENTS);
        skips = kafka.consume(Topics.ASSIGNMENT_SKIPS);
        deadLetters = kafka.consume(Topics.dlq(Topics.SCREENED));
    }

    @AfterEach
    void disconnect() {
        assignments.close();
        skips.close();
        deadLetters.close();
        kafka.close();
    }

    @Test
    void permutedBlocksBalanceEachSegmentAndTreatmentsGetTheirTone() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Segment a = TestEvents.segment("seg-a-" + tag);
        Segment b = TestEvents.segment("seg-b-" + tag);
        List<ScreenedEvent> sent = new ArrayList<>();
        for (int i = 0; i < 42; i++) {
            ScreenedEvent e = TestEvents.screened("c-" + tag + "-" + i, i % 3 == 0 ? b : a, true,
                    TestEvents.variants(tag));
            sent.add(e);
            kafka.send(Topics.SCREENED, e.customerId(), EventCodec.encode(e));
        }
        Map<String, Map<String, Integer>> perSegment = new HashMap<>();
        for (ScreenedEvent in : sent) {
            AssignmentEvent out = EventCodec.decode(awaitOne(assignments, in.customerId()).value(),
                    AssignmentEvent.class);
            assertThat(out.eventId()).isEqualTo(EventIds.derive(in.eventId(), "experiment"));
            assertThat(out.causationId()).isEqualTo(in.eventId());
            assertThat(out.experimentId()).isEqualTo(EXPERIMENT);
            assertThat(out.segment()).isEqualTo(in.segment());
            assertThat(out.emailConsent()).isTrue();
            perSegment.computeIfAbsent(out.segment().id(), s -> new HashMap<>()).merge(out.arm(), 1, Integer::sum);
            switch (out.arm()) {
                case "control" :
                    assertThat(out.kind()).isEqualTo(ArmKind.CONTROL);
                    assertThat(out.variantId()).isNull();
                    assertThat(out.fallbackReason()).isNull();
                    assertThat(out.subject()).isEqualTo("News from us this month");
                    break;
                case "friendly" :
                    // Its variant was blocked: the control message, never the blocked text, and the reason.
                    assertThat(out.kind()).isEqualTo(ArmKind.TREATMENT);
                    assertThat(out.variantId()).isNull();
                    assertThat(out.tone()).isNull();
                    assertThat(out.fallbackReason()).isEqualTo("variant-blocked");
                    assertThat(out.body()).doesNotContain("v-friendly");
                    break;
                default :
                    assertThat(out.variantId()).isEqualTo("v-" + out.arm() + "-" + tag);
                    assertThat(out.tone().wireName()).isEqualTo(out.arm());
                    assertThat(out.body()).isEqualTo("Body of v-" + out.arm() + "-" + tag + " [1]");
            }
        }
        // 28 customers in a (7 blocks of 4), 14 in b (3 full blocks + 2): counts differ by at most one block.
        assertThat(perSegment.get(a.id())).containsOnlyKeys("control", "urgent", "informational", "friendly")
                .allSatisfy((arm, n) -> assertThat(n).isEqualTo(7));
        assertThat(perSegment.get(b.id()).values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(14);
        assertThat(perSegment.get(b.id()).values()).allSatisfy(n -> assertThat(n).isBetween(3, 4));
    }

    @Test
    void replayRepublishesTheSameAssignmentAndANewEventInTheCapIsSkipped() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Segment seg = TestEvents.segment("seg-replay-" + tag);
        ScreenedEvent first = TestEvents.screened("c-replay-" + tag, seg, true, TestEvents.variants(tag));
        kafka.send(Topics.SCREENED, first.customerId(), EventCodec.encode(first));
        ConsumerRecord<String, byte[]> original = awaitOne(assignments, first.customerId());

        // Redelivery of the same screened event: the same assignment, byte for byte (same id, arm, time).
        kafka.send(Topics.SCREENED, first.customerId(), EventCodec.encode(first));
        await().atMost(TopicProbe.TIMEOUT).untilAsserted(() -> assertThat(assignments.getRecords())
                .filteredOn(r -> first.customerId().equals(r.key())).hasSize(2));
        List<ConsumerRecord<String, byte[]>> both = assignments.getRecords().stream()
                .filter(r -> first.customerId().equals(r.key())).toList();
        assertThat(new String(both.get(1).value(), StandardCharsets.UTF_8))
                .isEqualTo(new String(original.value(), StandardCharsets.UTF_8));

        // A new screened event for the same customer an instant later: within the 24 h cap, skipped and counted.
        long skippedBefore = skipCount("frequency-cap");
        ScreenedEvent second = TestEvents.screened(first.customerId(), seg, true, TestEvents.variants(tag));
        kafka.send(Topics.SCREENED, second.customerId(), EventCodec.encode(second));
        JsonNode skip = json(awaitOne(skips, second.customerId()).value());
        assertThat(skip.path("reason").asText()).isEqualTo("frequency-cap");
        assertThat(skip.path("experimentId").asText()).isEqualTo(EXPERIMENT);
        assertThat(skip.path("causationId").asText()).isEqualTo(second.eventId().toString());
        assertThat(skipCount("frequency-cap")).isEqualTo(skippedBefore + 1);
    }

    @Test
    void theSameEventTwiceInOneBatchGivesTheSameAssignmentTwiceAndNoSkip() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        ScreenedEvent e = TestEvents.screened("c-twice-" + tag, TestEvents.segment("seg-twice-" + tag), true,
                TestEvents.variants(tag));
        ExperimentDefinition running = experiments.runningLive(Instant.now()).orElseThrow();
        // A redelivery inside one poll: the second copy gets what the first got, not a frequency-cap skip.
        List<JdbcAssigner.Planned> planned = assigner.assign(running, List.of(e, e), Instant.now());
        assertThat(planned).allSatisfy(p -> assertThat(p.skip()).isNull());
        assertThat(planned.get(1).assignment()).isEqualTo(planned.get(0).assignment());
        assertThat(planned.get(1).repeated()).isTrue();
        // And in a later poll, the same again.
        List<JdbcAssigner.Planned> later = assigner.assign(running, List.of(e), Instant.now().plusSeconds(60));
        assertThat(later.get(0).assignment()).isEqualTo(planned.get(0).assignment());
    }

    @Test
    void customersWithoutConsentAreSkippedOncePerEvent() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        ScreenedEvent noConsent = TestEvents.screened("c-noconsent-" + tag, TestEvents.segment("seg-nc-" + tag),
                false, TestEvents.variants(tag));
        long before = skipCount("no-consent");
        kafka.send(Topics.SCREENED, noConsent.customerId(), EventCodec.encode(noConsent));
        assertThat(json(awaitOne(skips, noConsent.customerId()).value()).path("reason").asText())
                .isEqualTo("no-consent");
        // Redelivered: published again for ops, but counted once.
        kafka.send(Topics.SCREENED, noConsent.customerId(), EventCodec.encode(noConsent));
        await().atMost(TopicProbe.TIMEOUT).untilAsserted(() -> assertThat(skips.getRecords())
                .filteredOn(r -> noConsent.customerId().equals(r.key())).hasSize(2));
        assertThat(skipCount("no-consent")).isEqualTo(before + 1);
        assertThat(assignments.getRecords()).noneMatch(r -> noConsent.customerId().equals(r.key()));
    }

    @Test
    void badRecordsGoToTheDeadLetterTopicWithTheReason() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        kafka.send(Topics.SCREENED, "c-bad-" + tag, "{not json".getBytes(StandardCharsets.UTF_8));
        ScreenedEvent mismatched = TestEvents.screened("c-real-" + tag, TestEvents.segment("seg-x-" + tag), true,
                TestEvents.variants(tag));
        kafka.send(Topics.SCREENED, "c-other-" + tag, EventCodec.encode(mismatched));
        assertThat(deadLetterReason(awaitOne(deadLetters, "c-bad-" + tag))).startsWith("not valid JSON");
        assertThat(deadLetterReason(awaitOne(deadLetters, "c-other-" + tag)))
                .isEqualTo("record key does not match customerId");
        assertThat(assignments.getRecords()).noneMatch(r -> r.key().endsWith(tag));
    }

    private static long skipCount(String reason) {
        Map<String, Object> byReason = given().get("/experiments/" + EXPERIMENT + "/skips").then().statusCode(200)
                .extract().jsonPath().getMap("byReason");
        Object count = byReason.get(reason);
        return count == null ? 0 : ((Number) count).longValue();
    }

    private static JsonNode json(byte[] value) {
        try {
            return EventCodec.mapper().readTree(value);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
