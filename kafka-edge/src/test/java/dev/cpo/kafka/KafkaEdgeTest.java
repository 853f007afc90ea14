package dev.cpo.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

class KafkaEdgeTest {

    @Test
    void deadLetterKeepsKeyValueAndHeadersAndAddsWhereItCameFromAndWhy() {
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("customers", 3, 42L, "c-1",
                "{broken".getBytes(StandardCharsets.UTF_8));
        record.headers().add("traceparent", "00-abc-def-00".getBytes(StandardCharsets.UTF_8));

        Message<byte[]> dead = BatchPublisher.deadLetter(new Rejection(record, "not valid JSON"));

        @SuppressWarnings("unchecked")
        OutgoingKafkaRecordMetadata<String> metadata = dead.getMetadata(OutgoingKafkaRecordMetadata.class)
                .orElseThrow();
        Headers headers = metadata.getHeaders();
        assertThat(metadata.getKey()).isEqualTo("c-1");
        assertThat(new String(dead.getPayload(), StandardCharsets.UTF_8)).isEqualTo("{broken");
        assertThat(text(headers, DeadLetterHeaders.REASON)).isEqualTo("not valid JSON");
        assertThat(text(headers, DeadLetterHeaders.TOPIC)).isEqualTo("customers");
        assertThat(text(headers, DeadLetterHeaders.PARTITION)).isEqualTo("3");
        assertThat(text(headers, DeadLetterHeaders.OFFSET)).isEqualTo("42");
        assertThat(text(headers, "traceparent")).isEqualTo("00-abc-def-00");
    }

    @Test
    void aRecordWithoutValueIsDeadLetteredAsEmptyBytes() {
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("segments", 0, 1L, null, null);

        assertThat(BatchPublisher.deadLetter(new Rejection(record, "empty payload")).getPayload()).isEmpty();
    }

    @Test
    void countersAddUpPerStageAndReason() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        StageCounters counters = new StageCounters(registry, "retrieval");

        counters.received(10);
        counters.published(7);
        counters.deadLettered("invalid-event", 2);
        counters.deadLettered("processing-error", 1);
        counters.deadLettered("processing-error", 0);

        assertThat(registry.get("cpo.records.in").tag("stage", "retrieval").counter().count()).isEqualTo(10);
        assertThat(registry.get("cpo.records.out").tag("stage", "retrieval").counter().count()).isEqualTo(7);
        assertThat(registry.get("cpo.records.dead.lettered").tag("reason", "invalid-event").counter().count())
                .isEqualTo(2);
        assertThat(registry.get("cpo.records.dead.lettered").counters()).hasSize(2);
    }

    private static String text(Headers headers, String key) {
        return new String(headers.lastHeader(key).value(), StandardCharsets.UTF_8);
    }
}
