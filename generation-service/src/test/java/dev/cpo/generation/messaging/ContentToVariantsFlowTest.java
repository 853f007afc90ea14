package dev.cpo.generation.messaging;

import static dev.cpo.generation.TestContent.AT_RISK_CONTENT;
import static dev.cpo.generation.TestContent.CHAMPION_CONTENT;
import static dev.cpo.generation.TestContent.FEATURES;
import static dev.cpo.testing.TopicProbe.awaitOne;
import static dev.cpo.testing.TopicProbe.deadLetterReason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cpo.events.ContentEvent;
import dev.cpo.events.EventCodec;
import dev.cpo.events.EventIds;
import dev.cpo.events.Segment;
import dev.cpo.events.Snippet;
import dev.cpo.events.Tone;
import dev.cpo.events.Topics;
import dev.cpo.events.Variant;
import dev.cpo.events.VariantsEvent;
import dev.cpo.generation.cache.VariantSetCache;
import dev.cpo.generation.generate.VariantLimits;
import dev.cpo.generation.generate.VariantSetComposer;
import dev.cpo.generation.generate.VariantValidator;
import dev.cpo.testing.KafkaResource;
import dev.cpo.testing.PostgresResource;
import dev.cpo.testing.TopicProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * content in, variants out on the real broker and database: three grounded, cited tones per customer; three model
 * calls per segment whatever the number of customers, even across a restart of the cache; bad input to content-dlq.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = PostgresResource.DATABASE_ARG, value = "generation"))
class ContentToVariantsFlowTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    @Inject
    MeterRegistry registry;
    @Inject
    VariantSetCache cache;

    private TopicProbe kafka;
    private ConsumerTask<String, byte[]> variants;
    private ConsumerTask<String, byte[]> deadLetters;

    @BeforeEach
    void connect() {
        kafka = new TopicProbe(bootstrapServers);
        variants = kafka.consume(Topics.VARIANTS);
        deadLetters = kafka.consume(Topics.dlq(Topics.CONTENT));
    }

    @AfterEach
    void disconnect() {
        variants.close();
        deadLetters.close();
        kafka.close();
    }

    @Test
    void everyCustomerGetsThreeGroundedCitedVariantsOfTheirSegment() {
        Segment champions = uniqueSegment("Champions");
        Segment atRisk = uniqueSegment("At Risk");
        List<ContentEvent> sent = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ContentEvent event = i % 2 == 0 ? content(champions, CHAMPION_CONTENT) : content(atRisk, AT_RISK_CONTENT);
            sent.add(event);
            send(event.customerId(), EventCodec.encode(event));
        }

        for (ContentEvent in : sent) {
            VariantsEvent out = EventCodec.decode(awaitOne(variants, in.customerId()).value(), VariantsEvent.class);
            assertThat(out.eventId()).isEqualTo(EventIds.derive(in.eventId(), "generation"));
            assertThat(out.causationId()).isEqualTo(in.eventId());
            assertThat(out.segment()).isEqualTo(in.segment());
            assertThat(out.features()).isEqualTo(in.features());
            assertThat(out.snippets()).isEqualTo(in.snippets());
            assertThat(out.variants()).extracting(Variant::tone).containsExactly(Tone.URGENT, Tone.INFORMATIONAL,
                    Tone.FRIENDLY);
            for (Variant variant : out.variants()) {
                assertThat(variant.valid()).as(variant.invalidReason()).isTrue();
                assertThat(variant.subject().length()).isBetween(1, VariantLimits.SUBJECT_MAX_CHARS);
                assertThat(VariantValidator.wordCount(variant.body())).isBetween(VariantLimits.BODY_MIN_WORDS,
                        VariantLimits.BODY_MAX_WORDS);
                Set<String> provided = in.snippets().stream().map(s -> s.documentId() + "#" + s.paragraphIndex())
                        .collect(Collectors.toSet());
                assertThat(variant.citations()).isNotEmpty().allSatisfy(citation -> {
                    assertThat(provided).contains(citation.documentId() + "#" + citation.paragraphIndex());
                    assertThat(variant.body()).contains("[" + citation.marker() + "]");
                });
                assertThat(variant.generation().provider()).isEqualTo("local");
                assertThat(variant.generation().promptVersion()).matches("v1-[0-9a-f]{8}");
            }
        }
        List<String> championIds = variantIds(sent.get(0));
        assertThat(variantIds(sent.get(2))).as("customers of a segment share its variants").isEqualTo(championIds);
        assertThat(variantIds(sent.get(1))).doesNotContainAnyElementsOf(championIds);
    }

    @Test
    void modelCallsScaleWithSegmentsNotCustomersAndSurviveARestart() {
        Segment segment = uniqueSegment("Loyal Customers");
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            ContentEvent event = content(segment, CHAMPION_CONTENT);
            customers.add(event.customerId());
            send(event.customerId(), EventCodec.encode(event));
        }
        customers.forEach(customer -> awaitOne(variants, customer));
        assertThat(modelCalls(segment)).as("60 customers, one segment: one call per tone").isEqualTo(3);

        cache.clearMemory();
        ContentEvent afterRestart = content(segment, CHAMPION_CONTENT);
        send(afterRestart.customerId(), EventCodec.encode(afterRestart));
        VariantsEvent out = EventCodec.decode(awaitOne(variants, afterRestart.customerId()).value(),
                VariantsEvent.class);
        assertThat(out.variants()).allMatch(Variant::valid);
        assertThat(modelCalls(segment)).as("read back from PostgreSQL, not regenerated").isEqualTo(3);
    }

    @Test
    void withoutSnippetsEveryToneIsInvalidNoSourcesAndNoModelIsCalled() {
        Segment segment = uniqueSegment("Hibernating");
        ContentEvent event = content(segment, List.of());
        send(event.customerId(), EventCodec.encode(event));

        VariantsEvent out = EventCodec.decode(awaitOne(variants, event.customerId()).value(), VariantsEvent.class);
        assertThat(out.variants()).hasSize(3).allSatisfy(variant -> {
            assertThat(variant.valid()).isFalse();
            assertThat(variant.invalidReason()).isEqualTo(VariantSetComposer.NO_SOURCES);
            assertThat(variant.body()).isEmpty();
            assertThat(variant.citations()).isEmpty();
        });
        assertThat(modelCalls(segment)).isZero();
    }

    @Test
    void malformedRecordsGoToTheDeadLetterTopicAndCountsAddUp() {
        double inBefore = stageCount("cpo.records.in");
        double outBefore = stageCount("cpo.records.out");
        double deadBefore = stageCount("cpo.records.dead.lettered");
        Segment segment = uniqueSegment("Champions");
        String broken = "c-" + UUID.randomUUID();
        ContentEvent missingSegment = content(segment, CHAMPION_CONTENT);
        ContentEvent wrongKey = content(segment, CHAMPION_CONTENT);
        ContentEvent valid = content(segment, CHAMPION_CONTENT);
        String json = new String(EventCodec.encode(missingSegment), StandardCharsets.UTF_8);

        send(broken, "{\"eventId\":".getBytes(StandardCharsets.UTF_8));
        send(missingSegment.customerId(),
                json.replaceFirst("\"segment\":\\{[^}]*\\},", "").getBytes(StandardCharsets.UTF_8));
        send("someone-else", EventCodec.encode(wrongKey));
        send(valid.customerId(), EventCodec.encode(valid));

        assertThat(deadLetterReason(awaitOne(deadLetters, broken))).contains("JSON");
        assertThat(deadLetterReason(awaitOne(deadLetters, missingSegment.customerId()))).contains("segment");
        assertThat(deadLetterReason(awaitOne(deadLetters, "someone-else"))).contains("key does not match");
        assertThat(awaitOne(variants, valid.customerId()).key()).isEqualTo(valid.customerId());
        await().atMost(TopicProbe.TIMEOUT).untilAsserted(() -> {
            assertThat(stageCount("cpo.records.in") - inBefore).isEqualTo(4);
            assertThat(stageCount("cpo.records.out") - outBefore).isEqualTo(1);
            assertThat(stageCount("cpo.records.dead.lettered") - deadBefore).isEqualTo(3);
        });
    }

    @Test
    void variantsRecordContinuesTheTraceOfItsContentRecord() {
        ContentEvent event = content(uniqueSegment("At Risk"), AT_RISK_CONTENT);
        String traceId = UUID.randomUUID().toString().replace("-", "");
        ProducerRecord<String, byte[]> in = new ProducerRecord<>(Topics.CONTENT, event.customerId(),
                EventCodec.encode(event));
        in.headers().add("traceparent", ("00-" + traceId + "-00f067aa0ba902b7-00").getBytes(StandardCharsets.UTF_8));
        kafka.send(in);

        Header traceparent = awaitOne(variants, event.customerId()).headers().lastHeader("traceparent");
        assertThat(new String(traceparent.value(), StandardCharsets.UTF_8)).startsWith("00-" + traceId + "-");
    }

    private List<String> variantIds(ContentEvent in) {
        return EventCodec.decode(awaitOne(variants, in.customerId()).value(), VariantsEvent.class).variants().stream()
                .map(Variant::variantId).toList();
    }

    private double modelCalls(Segment segment) {
        return registry.find("cpo.generation.model.calls").tag("segment", segment.id()).counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    private double stageCount(String name) {
        return registry.find(name).tag("stage", "generation").counters().stream().mapToDouble(Counter::count).sum();
    }

    private static Segment uniqueSegment(String label) {
        return new Segment("test-" + UUID.randomUUID(), label, "rfm", "rfm-test");
    }

    private static ContentEvent content(Segment segment, List<Snippet> snippets) {
        return new ContentEvent(UUID.randomUUID(), ContentEvent.SCHEMA_VERSION, Instant.now(),
                "c-" + UUID.randomUUID(), UUID.randomUUID(), segment, FEATURES, "corpus-test", "lucene",
                "test query", snippets);
    }

    private void send(String key, byte[] value) {
        kafka.send(Topics.CONTENT, key, value);
    }

}
