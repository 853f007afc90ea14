package dev.cpo.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cpo.events.AssignmentEvent;
import dev.cpo.events.Decision;
import dev.cpo.events.EventCodec;
import dev.cpo.events.ScreenedEvent;
import dev.cpo.events.ScreenedVariant;
import dev.cpo.events.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole pipeline end to end: every service started as its own process from its packaged artifact, on a real
 * Kafka broker and PostgreSQL; the 500 sample customers in; then every topic read back. Every customer who may be
 * e-mailed gets exactly one assignment, the others are skipped for consent; no blocked or invalid variant is ever
 * sent; every arm has metrics; the counts add up from topic to topic, dead letters included.
 */
class PipelineIT {

    private static final Path ROOT = Path.of(System.getProperty("cpo.root", "..")).toAbsolutePath().normalize();
    private static Pipeline pipeline;
    private static DemoRun.Outcome outcome;

    @BeforeAll
    static void runThePipeline() throws Exception {
        pipeline = Pipeline.start(ROOT, false, Map.of(), System.out, Duration.ofMinutes(4));
        outcome = DemoRun.follow(pipeline,
                (bootstrap, out) -> CustomerPublisher.publishCsv(ROOT.resolve("demo/customers.csv"), bootstrap),
                System.out, false, Duration.ofMinutes(6));
    }

    @AfterAll
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void everyStageFinishedAndTheCountsAddUpAcrossTopics() throws Exception {
        assertThat(outcome.complete()).as("every stage finished in time").isTrue();
        StageCounts.Snapshot c = outcome.counts();
        assertThat(outcome.customers()).isEqualTo(500);
        // Segmentation answers every customer once, and re-publishes those whose segment changed when it trained
        // its first model (cold start): those go through the rest of the pipeline again.
        long resegmented = PipelineFacts.resegmented(pipeline);
        assertThat(c.of(Topics.SEGMENTS) + c.of(Topics.dlq(Topics.CUSTOMERS)))
                .isEqualTo(c.of(Topics.CUSTOMERS) + resegmented);
        assertThat(c.of(Topics.CONTENT) + c.of(Topics.dlq(Topics.SEGMENTS))).isEqualTo(c.of(Topics.SEGMENTS));
        assertThat(c.of(Topics.VARIANTS) + c.of(Topics.dlq(Topics.CONTENT))).isEqualTo(c.of(Topics.CONTENT));
        assertThat(c.of(Topics.SCREENED) + c.of(Topics.dlq(Topics.VARIANTS))).isEqualTo(c.of(Topics.VARIANTS));
        assertThat(c.of(Topics.ASSIGNMENTS) + c.of(Topics.ASSIGNMENT_SKIPS) + c.of(Topics.dlq(Topics.SCREENED)))
                .isEqualTo(c.of(Topics.SCREENED));
        // The sample is valid input: nothing is dead-lettered anywhere.
        assertThat(DemoRun.deadLetters(outcome)).isEmpty();
        // Every assignment was handled by the simulator and measured, and so was every engagement event.
        assertThat(c.simulated()).isEqualTo(c.of(Topics.ASSIGNMENTS));
        assertThat(c.measuredAssignments()).isEqualTo(c.of(Topics.ASSIGNMENTS));
        assertThat(c.measuredEngagement()).isEqualTo(c.of(Topics.ENGAGEMENT));
    }

    @Test
    void everyEligibleCustomerHasExactlyOneAssignmentAndNoBlockedTextIsSent() {
        List<ScreenedEvent> screened = read(Topics.SCREENED).stream()
                .map(r -> EventCodec.decode(r.value(), ScreenedEvent.class)).toList();
        List<AssignmentEvent> assignments = read(Topics.ASSIGNMENTS).stream()
                .map(r -> EventCodec.decode(r.value(), AssignmentEvent.class)).toList();
        Set<String> eligible = screened.stream().filter(e -> e.features().emailConsent())
                .map(ScreenedEvent::customerId).collect(Collectors.toSet());
        // demo/customers.csv: 428 of the 500 customers opted in.
        assertThat(eligible).hasSize(428);

        Map<String, Long> perCustomer = assignments.stream()
                .collect(Collectors.groupingBy(AssignmentEvent::customerId, Collectors.counting()));
        assertThat(perCustomer.keySet()).isEqualTo(eligible);
        assertThat(perCustomer.values()).allMatch(n -> n == 1);

        // Skipped: every customer without consent; and re-segmented customers already contacted (frequency cap).
        Set<String> skippedForConsent = new HashSet<>();
        for (ConsumerRecord<String, byte[]> r : read(Topics.ASSIGNMENT_SKIPS)) {
            JsonNode skip = json(r.value());
            String customer = skip.path("customerId").asText();
            if (skip.path("reason").asText().equals("frequency-cap")) {
                assertThat(perCustomer).containsKey(customer);
            } else {
                assertThat(skip.path("reason").asText()).isEqualTo("no-consent");
                skippedForConsent.add(customer);
            }
        }
        Set<String> notEligible = screened.stream().map(ScreenedEvent::customerId).collect(Collectors.toSet());
        notEligible.removeAll(eligible);
        assertThat(skippedForConsent).isEqualTo(notEligible);

        Map<String, ScreenedVariant> variants = new HashMap<>();
        screened.forEach(e -> e.variants().forEach(v -> variants.put(v.variant().variantId(), v)));
        List<AssignmentEvent> withVariant = new ArrayList<>();
        for (AssignmentEvent a : assignments) {
            assertThat(a.emailConsent()).isTrue();
            if (a.variantId() == null) {
                continue;
            }
            withVariant.add(a);
            ScreenedVariant sent = variants.get(a.variantId());
            assertThat(sent).as("variant %s was screened", a.variantId()).isNotNull();
            assertThat(sent.verdict().decision()).isEqualTo(Decision.PASS);
            assertThat(sent.variant().valid()).isTrue();
            assertThat(a.body()).isEqualTo(sent.variant().body());
            assertThat(a.tone()).isEqualTo(sent.variant().tone());
        }
        assertThat(withVariant).as("treatment customers got generated variants").isNotEmpty();
    }

    @Test
    void everyArmHasMetrics() throws Exception {
        JsonNode metrics = PipelineFacts.metrics(pipeline, "tone-test");
        long assignments = outcome.counts().of(Topics.ASSIGNMENTS);
        assertThat(metrics.path("totals").path("assigned").asLong()).isEqualTo(assignments);
        assertThat(metrics.path("totals").path("engagementEvents").asLong())
                .isEqualTo(outcome.counts().of(Topics.ENGAGEMENT));
        assertThat(metrics.path("analysis").path("arms")).hasSize(4).allSatisfy(arm -> {
            assertThat(arm.path("n").asLong()).isPositive();
            assertThat(arm.path("openRate").path("value").isNumber()).isTrue();
        });
        assertThat(metrics.path("analysis").path("comparisons")).isNotEmpty();
        assertThat(metrics.path("analysis").path("srm").path("pValue").isNumber()).isTrue();
        assertThat(PipelineFacts.safetyReport(pipeline).path("overall").path("total").asLong()).isPositive();
        assertThat(PipelineFacts.modelCalls(pipeline)).isPositive();
    }

    private static List<ConsumerRecord<String, byte[]>> read(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.bootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < Pipeline.PARTITIONS; p++) {
                partitions.add(new TopicPartition(topic, p));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
                    && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            return out;
        }
    }

    private static JsonNode json(byte[] value) {
        try {
            return EventCodec.mapper().readTree(new String(value, StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
