package dev.cpo.retrieval.messaging;

import static dev.cpo.testing.TopicProbe.awaitOne;
import static dev.cpo.testing.TopicProbe.deadLetterReason;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cpo.events.ContentEvent;
import dev.cpo.events.EventCodec;
import dev.cpo.events.EventIds;
import dev.cpo.events.Segment;
import dev.cpo.events.SegmentEvent;
import dev.cpo.events.SegmentFeatures;
import dev.cpo.events.Topics;
import dev.cpo.retrieval.retrieve.ContentRetriever;
import dev.cpo.testing.KafkaResource;
import dev.cpo.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** segments in, content out on the real broker: snippets with sources, one search per segment, bad input to DLQ. */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
class SegmentToContentFlowTest {

    private static final Segment CHAMPIONS = new Segment("rfm-champions", "Champions", "rfm", "rfm-test");
    private static final Segment AT_RISK = new Segment("rfm-at-risk", "At Risk", "rfm", "rfm-test");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    @Inject
    ContentRetriever retriever;

    private TopicProbe kafka;
    private ConsumerTask<String, byte[]> content;
    private ConsumerTask<String, byte[]> deadLetters;

    @BeforeEach
    void connect() {
        kafka = new TopicProbe(bootstrapServers);
        content = kafka.consume(Topics.CONTENT);
        deadLetters = kafka.consume(Topics.dlq(Topics.SEGMENTS));
    }

    @AfterEach
    void disconnect() {
        content.close();
        deadLetters.close();
        kafka.close();
    }

    @Test
    void everyCustomerGetsCitedApprovedSnippetsAndEachSegmentIsSearchedOnce() {
        retriever.clearCache();
        long searchesBefore = retriever.searches();
        List<SegmentEvent> sent = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            SegmentEvent event = segmentEvent("c-" + UUID.randomUUID(), i % 2 == 0 ? CHAMPIONS : AT_RISK);
            sent.add(event);
            send(event.customerId(), EventCodec.encode(event));
        }

        for (SegmentEvent in : sent) {
            ConsumerRecord<String, byte[]> out = awaitOne(content, in.customerId());
            ContentEvent event = EventCodec.decode(out.value(), ContentEvent.class);
            assertThat(event.eventId()).isEqualTo(EventIds.derive(in.eventId(), "retrieval"));
            assertThat(event.causationId()).isEqualTo(in.eventId());
            assertThat(event.segment()).isEqualTo(in.segment());
            assertThat(event.provider()).isEqualTo("lucene");
            assertThat(event.corpusVersion()).isNotBlank();
            assertThat(event.snippets()).hasSizeBetween(1, 5).allSatisfy(s -> {
                assertThat(s.documentId()).isNotBlank();
                assertThat(s.score()).isBetween(0.5, 1.0);
                assertThat(s.text().split("\\s+")).hasSizeLessThanOrEqualTo(200);
            });
        }
        assertThat(retriever.searches() - searchesBefore).as("one search per distinct segment query").isEqualTo(2);
    }

    @Test
    void anUnknownSegmentGetsTheDefaultQueryNotAnError() {
        SegmentEvent event = segmentEvent("c-" + UUID.randomUUID(),
                new Segment("mystery-42", "Mystery Shoppers", "custom", "v0"));
        send(event.customerId(), EventCodec.encode(event));

        ContentEvent out = EventCodec.decode(awaitOne(content, event.customerId()).value(), ContentEvent.class);
        assertThat(out.query()).isNotBlank();
        assertThat(out.snippets()).isNotEmpty();
    }

    @Test
    void malformedRecordsGoToTheDeadLetterTopicAndTheNextOneFlows() {
        String broken = "c-" + UUID.randomUUID();
        String missingSegment = "c-" + UUID.randomUUID();
        SegmentEvent valid = segmentEvent("c-" + UUID.randomUUID(), CHAMPIONS);
        String json = new String(EventCodec.encode(segmentEvent(missingSegment, CHAMPIONS)), StandardCharsets.UTF_8);

        send(broken, "{\"eventId\":".getBytes(StandardCharsets.UTF_8));
        send(missingSegment, json.replaceFirst("\"segment\":\\{[^}]*\\},", "").getBytes(StandardCharsets.UTF_8));
        send(valid.customerId(), EventCodec.encode(valid));

        assertThat(deadLetterReason(awaitOne(deadLetters, broken))).contains("JSON");
        assertThat(deadLetterReason(awaitOne(deadLetters, missingSegment))).contains("segment");
        assertThat(awaitOne(content, valid.customerId()).key()).isEqualTo(valid.customerId());
    }

    @Test
    void contentRecordContinuesTheTraceOfItsSegmentRecord() {
        SegmentEvent event = segmentEvent("c-" + UUID.randomUUID(), AT_RISK);
        String traceId = UUID.randomUUID().toString().replace("-", "");
        ProducerRecord<String, byte[]> in = new ProducerRecord<>(Topics.SEGMENTS, event.customerId(),
                EventCodec.encode(event));
        in.headers().add("traceparent", ("00-" + traceId + "-00f067aa0ba902b7-00").getBytes(StandardCharsets.UTF_8));
        kafka.send(in);

        Header traceparent = awaitOne(content, event.customerId()).headers().lastHeader("traceparent");
        assertThat(new String(traceparent.value(), StandardCharsets.UTF_8)).startsWith("00-" + traceId + "-");
    }

    private static SegmentEvent segmentEvent(String customerId, Segment segment) {
        return new SegmentEvent(UUID.randomUUID(), SegmentEvent.SCHEMA_VERSION, Instant.now(), customerId,
                UUID.randomUUID(), segment, new SegmentFeatures(12, 9, new BigDecimal("1240.00"), 3, 700, "gold",
                        true));
    }

    private void send(String key, byte[] value) {
        kafka.send(Topics.SEGMENTS, key, value);
    }

}
