package dev.cpo.simulator.messaging;

import static dev.cpo.simulator.TestAssignments.EXPERIMENT;
import static dev.cpo.simulator.TestAssignments.SEGMENT_ID;
import static dev.cpo.simulator.TestAssignments.assignment;
import static dev.cpo.simulator.TestAssignments.control;
import static dev.cpo.simulator.TestAssignments.treatment;
import static dev.cpo.testing.TopicProbe.awaitOne;
import static dev.cpo.testing.TopicProbe.deadLetterReason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cpo.events.ArmKind;
import dev.cpo.events.AssignmentEvent;
import dev.cpo.events.EngagementEvent;
import dev.cpo.events.EngagementType;
import dev.cpo.events.EventCodec;
import dev.cpo.events.EventIds;
import dev.cpo.events.Tone;
import dev.cpo.events.Topics;
import dev.cpo.simulator.model.EngagementSimulator;
import dev.cpo.simulator.model.Simulation;
import dev.cpo.testing.KafkaResource;
import dev.cpo.testing.TopicProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import org.assertj.core.api.recursive.comparison.RecursiveComparisonConfiguration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * assignments in, engagement out on the real broker: each assignment's simulated funnel, in order, with derived ids;
 * nothing for skipped assignments; bad input to assignments-dlq with its reason; the counters add up.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
class AssignmentsToEngagementFlowTest {

    private static final List<EngagementType> FUNNEL = List.of(EngagementType.DELIVERED, EngagementType.OPENED,
            EngagementType.CLICKED, EngagementType.CONVERTED);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    @Inject
    MeterRegistry registry;
    @Inject
    EngagementSimulator simulator;

    private TopicProbe kafka;
    private ConsumerTask<String, byte[]> engagement;
    private ConsumerTask<String, byte[]> deadLetters;

    @BeforeEach
    void connect() {
        kafka = new TopicProbe(bootstrapServers);
        engagement = kafka.consume(Topics.ENGAGEMENT);
        deadLetters = kafka.consume(Topics.dlq(Topics.ASSIGNMENTS));
    }

    @AfterEach
    void disconnect() {
        engagement.close();
        deadLetters.close();
        kafka.close();
    }

    @Test
    void eachAssignmentYieldsItsSimulatedFunnelInOrder() {
        String tag = UUID.randomUUID().toString();
        AssignmentEvent converting = find(i -> treatment("T-" + tag + "-" + i, now(), Tone.URGENT),
                s -> s.events().size() == 4);
        AssignmentEvent deliveredOnly = find(i -> control("C-" + tag + "-" + i, now()), s -> s.events().size() == 1);
        AssignmentEvent bounced = find(i -> control("B-" + tag + "-" + i, now()),
                s -> s.outcome() == Simulation.Outcome.BOUNCED);

        for (AssignmentEvent a : List.of(bounced, deliveredOnly, converting)) {
            kafka.send(Topics.ASSIGNMENTS, a.customerId(), EventCodec.encode(a));
        }

        List<EngagementEvent> funnel = awaitEvents(converting, 4);
        assertThat(funnel).extracting(EngagementEvent::type).isEqualTo(FUNNEL);
        assertThat(funnel).extracting(EngagementEvent::eventId).containsExactly(
                EventIds.derive(converting.eventId(), "simulator-delivered"),
                EventIds.derive(converting.eventId(), "simulator-opened"),
                EventIds.derive(converting.eventId(), "simulator-clicked"),
                EventIds.derive(converting.eventId(), "simulator-converted"));
        assertThat(funnel).usingRecursiveFieldByFieldElementComparator(RecursiveComparisonConfiguration.builder()
                .withComparatorForType(BigDecimal::compareTo, BigDecimal.class).build())
                .isEqualTo(simulator.simulate(converting).events());
        assertThat(funnel).allSatisfy(e -> {
            assertThat(e.arm()).isEqualTo("urgent");
            assertThat(e.variantId()).isEqualTo("v-urgent");
            assertThat(e.segmentId()).isEqualTo(SEGMENT_ID);
        });
        assertThat(funnel.get(3).revenue()).isPositive();
        assertThat(funnel.get(3).revenue().scale()).isEqualTo(2);

        List<EngagementEvent> delivered = awaitEvents(deliveredOnly, 1);
        assertThat(delivered).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(EngagementType.DELIVERED);
            assertThat(e.variantId()).isNull();
            assertThat(e.occurredAt()).isEqualTo(deliveredOnly.occurredAt().plus(Duration.ofMinutes(1)));
        });
        // The bounced one was processed before the others (one partition): it has nothing.
        assertThat(recordsOf(bounced.customerId())).isEmpty();
    }

    @Test
    void skippedAssignmentsYieldNothing() {
        String tag = UUID.randomUUID().toString();
        AssignmentEvent noConsent = assignment("N-" + tag, now(), EXPERIMENT, "control", ArmKind.CONTROL, null,
                SEGMENT_ID, false);
        AssignmentEvent historical = control("H-" + tag, Instant.parse("2008-03-01T00:00:00Z"));
        AssignmentEvent sentinel = find(i -> control("S-" + tag + "-" + i, now()), s -> s.events().size() == 1);
        for (AssignmentEvent a : List.of(noConsent, historical, sentinel)) {
            kafka.send(Topics.ASSIGNMENTS, a.customerId(), EventCodec.encode(a));
        }
        awaitEvents(sentinel, 1);
        assertThat(recordsOf(noConsent.customerId())).isEmpty();
        assertThat(recordsOf(historical.customerId())).isEmpty();
    }

    @Test
    void malformedRecordsAndKeyMismatchesGoToTheDeadLetterTopicAndCountsAddUp() {
        // Let the earlier tests' batches be counted first: the balance holds whenever nothing is in flight.
        await().atMost(TopicProbe.TIMEOUT).untilAsserted(this::assertBalanced);
        double inBefore = stage("cpo.records.in");
        double outBefore = stage("cpo.records.out");
        double deadBefore = stage("cpo.records.dead.lettered");
        double deliveredBefore = simulator("cpo.simulator.assignments", "outcome", "delivered");
        double noConsentBefore = simulator("cpo.simulator.skipped", "reason", "no-consent");
        double convertedBefore = simulator("cpo.simulator.events", "type", "converted");

        String tag = UUID.randomUUID().toString();
        String broken = "broken-" + tag;
        String someoneElse = "someone-else-" + tag;
        AssignmentEvent wrongKey = control("W-" + tag, now());
        AssignmentEvent converting = find(i -> treatment("T-" + tag + "-" + i, now(), Tone.FRIENDLY),
                s -> s.events().size() == 4);
        AssignmentEvent noConsent = assignment("N-" + tag, now(), EXPERIMENT, "control", ArmKind.CONTROL, null,
                SEGMENT_ID, false);

        kafka.send(Topics.ASSIGNMENTS, broken, "{\"eventId\":".getBytes(StandardCharsets.UTF_8));
        kafka.send(Topics.ASSIGNMENTS, someoneElse, EventCodec.encode(wrongKey));
        kafka.send(Topics.ASSIGNMENTS, noConsent.customerId(), EventCodec.encode(noConsent));
        kafka.send(Topics.ASSIGNMENTS, converting.customerId(), EventCodec.encode(converting));

        assertThat(deadLetterReason(awaitOne(deadLetters, broken))).contains("JSON");
        assertThat(deadLetterReason(awaitOne(deadLetters, someoneElse))).contains("key does not match");
        assertThat(awaitOne(deadLetters, someoneElse).value()).isEqualTo(EventCodec.encode(wrongKey));
        awaitEvents(converting, 4);
        assertThat(recordsOf(wrongKey.customerId())).isEmpty();
        await().atMost(TopicProbe.TIMEOUT).untilAsserted(() -> {
            assertThat(stage("cpo.records.in") - inBefore).isEqualTo(4);
            assertThat(stage("cpo.records.dead.lettered") - deadBefore).isEqualTo(2);
            // A fan-out stage: out counts engagement events (4 here), not assignments.
            assertThat(stage("cpo.records.out") - outBefore).isEqualTo(4);
            assertThat(simulator("cpo.simulator.assignments", "outcome", "delivered") - deliveredBefore)
                    .isEqualTo(1);
            assertThat(simulator("cpo.simulator.skipped", "reason", "no-consent") - noConsentBefore).isEqualTo(1);
            assertThat(simulator("cpo.simulator.events", "type", "converted") - convertedBefore).isEqualTo(1);
            assertBalanced();
        });
    }

    /** in = assignments processed + dead-lettered; out = events published; skipped = sum of skips by reason. */
    private void assertBalanced() {
        assertThat(stage("cpo.records.in")).isEqualTo(
                sum(registry.find("cpo.simulator.assignments").counters()) + stage("cpo.records.dead.lettered"));
        assertThat(stage("cpo.records.out")).isEqualTo(sum(registry.find("cpo.simulator.events").counters()));
        assertThat(simulator("cpo.simulator.assignments", "outcome", "skipped"))
                .isEqualTo(sum(registry.find("cpo.simulator.skipped").counters()));
        assertThat(simulator("cpo.simulator.assignments", "outcome", "delivered"))
                .isEqualTo(simulator("cpo.simulator.events", "type", "delivered"));
    }

    private AssignmentEvent find(Function<Integer, AssignmentEvent> candidate, Predicate<Simulation> wanted) {
        for (int i = 0; i < 100_000; i++) {
            AssignmentEvent a = candidate.apply(i);
            if (wanted.test(simulator.simulate(a))) {
                return a;
            }
        }
        throw new AssertionError("no such assignment among 100,000 candidates");
    }

    private List<EngagementEvent> awaitEvents(AssignmentEvent assignment, int count) {
        await().atMost(TopicProbe.TIMEOUT).until(() -> recordsOf(assignment.customerId()).size() >= count);
        List<EngagementEvent> events = recordsOf(assignment.customerId());
        assertThat(events).hasSize(count);
        return events;
    }

    private List<EngagementEvent> recordsOf(String key) {
        return engagement.getRecords().stream().filter(r -> key.equals(r.key()))
                .map(r -> EventCodec.decode(r.value(), EngagementEvent.class)).toList();
    }

    private double stage(String name) {
        return sum(registry.find(name).tag("stage", "simulator").counters());
    }

    private double simulator(String name, String tag, String value) {
        return sum(registry.find(name).tag(tag, value).counters());
    }

    private static double sum(java.util.Collection<Counter> counters) {
        return counters.stream().mapToDouble(Counter::count).sum();
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
