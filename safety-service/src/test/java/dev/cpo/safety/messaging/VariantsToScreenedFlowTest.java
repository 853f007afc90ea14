package dev.cpo.safety.messaging;

import static dev.cpo.testing.TopicProbe.awaitOne;
import static dev.cpo.testing.TopicProbe.deadLetterReason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cpo.events.Decision;
import dev.cpo.events.EventCodec;
import dev.cpo.events.EventIds;
import dev.cpo.events.ScreenedEvent;
import dev.cpo.events.ScreenedVariant;
import dev.cpo.events.Tone;
import dev.cpo.events.Topics;
import dev.cpo.events.Variant;
import dev.cpo.events.VariantsEvent;
import static dev.cpo.safety.TestVariants.BANNED_CLAIM;
import static dev.cpo.safety.TestVariants.CLEAN;
import static dev.cpo.safety.TestVariants.SEGMENT;
import static dev.cpo.safety.TestVariants.THREAT;
import static dev.cpo.safety.TestVariants.event;
import static dev.cpo.safety.TestVariants.invalid;
import static dev.cpo.safety.TestVariants.variant;

import dev.cpo.testing.KafkaResource;
import dev.cpo.testing.PostgresResource;
import dev.cpo.testing.TopicProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * variants in, screened out on the real broker and database: every variant with its verdict, a harmful or blocklisted
 * or invalid variant never as pass, each variant screened once whatever the number of customers, every decision on
 * safety-audit, bad input to variants-dlq.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = PostgresResource.DATABASE_ARG, value = "safety"))
class VariantsToScreenedFlowTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    @Inject
    MeterRegistry registry;

    private TopicProbe kafka;
    private ConsumerTask<String, byte[]> screened;
    private ConsumerTask<String, byte[]> deadLetters;
    private ConsumerTask<String, byte[]> audit;

    @BeforeEach
    void connect() {
        kafka = new TopicProbe(bootstrapServers);
        screened = kafka.consume(Topics.SCREENED);
        deadLetters = kafka.consume(Topics.dlq(Topics.VARIANTS));
        audit = kafka.consume(Topics.SAFETY_AUDIT);
    }

    @AfterEach
    void disconnect() {
        screened.close();
        deadLetters.close();
        audit.close();
        kafka.close();
    }

    @Test
    void blockedVariantNeverReachesScreenedAsPass() {
        String tag = UUID.randomUUID().toString();
        VariantsEvent in = event(List.of(variant("var-clean-" + tag, Tone.INFORMATIONAL, CLEAN),
                variant("var-threat-" + tag, Tone.URGENT, THREAT),
                variant("var-claim-" + tag, Tone.FRIENDLY, BANNED_CLAIM),
                invalid("var-invalid-" + tag)));
        kafka.send(Topics.VARIANTS, in.customerId(), EventCodec.encode(in));

        ScreenedEvent out = EventCodec.decode(awaitOne(screened, in.customerId()).value(), ScreenedEvent.class);
        assertThat(out.eventId()).isEqualTo(EventIds.derive(in.eventId(), "safety"));
        assertThat(out.causationId()).isEqualTo(in.eventId());
        assertThat(out.variants()).extracting(ScreenedVariant::variant).isEqualTo(in.variants());
        List<Decision> decisions = out.variants().stream().map(v -> v.verdict().decision()).toList();
        assertThat(decisions).containsExactly(Decision.PASS, Decision.BLOCK, Decision.BLOCK, Decision.BLOCK);
        assertThat(out.variants().get(1).verdict().reasons()).anyMatch(r -> r.startsWith("violence severity"));
        assertThat(out.variants().get(2).verdict().blocklistMatches()).singleElement().asString()
                .startsWith("banned-claims/");
        assertThat(out.variants().get(3).verdict().reasons()).singleElement().asString().contains("no-sources");
        assertThat(out.variants()).allSatisfy(v -> {
            assertThat(v.verdict().provider()).isEqualTo("local-rules");
            assertThat(v.verdict().policyVersion()).startsWith("policy-v1-");
        });

        for (String id : List.of("var-clean-", "var-threat-", "var-claim-", "var-invalid-")) {
            JsonNode decision = json(awaitOne(audit, id + tag).value());
            assertThat(decision.path("variantId").asText()).isEqualTo(id + tag);
            assertThat(decision.path("segmentId").asText()).isEqualTo(SEGMENT.id());
            assertThat(decision.path("verdict").path("decision").asText()).isIn("pass", "block");
        }
    }

    @Test
    void eachVariantIsScreenedOnceWhateverTheNumberOfCustomers() {
        String tag = UUID.randomUUID().toString();
        List<Variant> variants = List.of(variant("var-a-" + tag, Tone.URGENT, CLEAN),
                variant("var-b-" + tag, Tone.FRIENDLY, CLEAN + " Thank you for being with us."));
        double before = screenings();
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            VariantsEvent in = event(variants);
            customers.add(in.customerId());
            kafka.send(Topics.VARIANTS, in.customerId(), EventCodec.encode(in));
        }
        for (String customer : customers) {
            ScreenedEvent out = EventCodec.decode(awaitOne(screened, customer).value(), ScreenedEvent.class);
            assertThat(out.variants()).allMatch(v -> v.verdict().decision() == Decision.PASS);
        }
        assertThat(screenings() - before).isEqualTo(2);
        await().atMost(TopicProbe.TIMEOUT).untilAsserted(() -> assertThat(audit.getRecords())
                .filteredOn(r -> r.key().endsWith(tag)).hasSize(2));
    }

    @Test
    void malformedRecordsGoToTheDeadLetterTopicAndCountsAddUp() {
        double inBefore = stageCount("cpo.records.in");
        double outBefore = stageCount("cpo.records.out");
        double deadBefore = stageCount("cpo.records.dead.lettered");
        String broken = "c-" + UUID.randomUUID();
        VariantsEvent wrongKey = event(List.of(variant("var-k-" + UUID.randomUUID(), Tone.URGENT, CLEAN)));
        VariantsEvent valid = event(List.of(variant("var-v-" + UUID.randomUUID(), Tone.URGENT, CLEAN)));

        kafka.send(Topics.VARIANTS, broken, "{\"eventId\":".getBytes(StandardCharsets.UTF_8));
        kafka.send(Topics.VARIANTS, "someone-else", EventCodec.encode(wrongKey));
        kafka.send(Topics.VARIANTS, valid.customerId(), EventCodec.encode(valid));

        assertThat(deadLetterReason(awaitOne(deadLetters, broken))).contains("JSON");
        assertThat(deadLetterReason(awaitOne(deadLetters, "someone-else"))).contains("key does not match");
        awaitOne(screened, valid.customerId());
        await().atMost(TopicProbe.TIMEOUT).untilAsserted(() -> {
            assertThat(stageCount("cpo.records.in") - inBefore).isEqualTo(3);
            assertThat(stageCount("cpo.records.out") - outBefore).isEqualTo(1);
            assertThat(stageCount("cpo.records.dead.lettered") - deadBefore).isEqualTo(2);
        });
    }

    private double screenings() {
        return registry.find("cpo.safety.screenings").functionCounters().stream().mapToDouble(FunctionCounter::count)
                .sum();
    }

    private double stageCount(String name) {
        return registry.find(name).tag("stage", "safety").counters().stream().mapToDouble(Counter::count).sum();
    }

    private static JsonNode json(byte[] value) {
        try {
            return EventCodec.mapper().readTree(value);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
