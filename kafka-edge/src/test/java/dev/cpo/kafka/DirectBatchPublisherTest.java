package dev.cpo.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class DirectBatchPublisherTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    private final MockProducer<String, String> outputs = new MockProducer<>(false, null, new StringSerializer(),
            new StringSerializer());
    private final MockProducer<String, byte[]> deadLetters = new MockProducer<>(false, null, new StringSerializer(),
            new ByteArraySerializer());
    private final OpenTelemetrySdk openTelemetry = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().setSampler(Sampler.parentBased(Sampler.alwaysOff())).build())
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance())).build();
    private final DirectBatchPublisher<String> publisher = new DirectBatchPublisher<>(outputs, "variants",
            deadLetters, "content-dlq", openTelemetry);

    @Test
    void theBatchIsAcknowledgedOnlyWhenTheBrokerAcknowledgedEveryRecord() {
        CompletableFuture<Void> done = publisher.publish(
                List.of(new Output<>("c-1", "one", input("c-1")), new Output<>("c-2", "two", input("c-2"))),
                List.of(new Rejection(input("c-3"), "not valid JSON")));

        assertThat(outputs.history()).extracting(ProducerRecord::key).containsExactly("c-1", "c-2");
        assertThat(outputs.history()).allMatch(r -> r.topic().equals("variants"));
        assertThat(deadLetters.history()).singleElement().satisfies(r -> {
            assertThat(r.topic()).isEqualTo("content-dlq");
            assertThat(r.key()).isEqualTo("c-3");
            assertThat(new String(r.value(), StandardCharsets.UTF_8)).isEqualTo("{\"in\":true}");
            assertThat(text(r, DeadLetterHeaders.REASON)).isEqualTo("not valid JSON");
            assertThat(text(r, DeadLetterHeaders.OFFSET)).isEqualTo("7");
        });
        outputs.completeNext();
        outputs.completeNext();
        assertThat(done).isNotDone();
        deadLetters.completeNext();
        assertThat(done).isCompleted();
    }

    @Test
    void aFailedSendFailsTheBatch() {
        CompletableFuture<Void> done = publisher.publish(
                List.of(new Output<>("c-1", "one", input("c-1")), new Output<>("c-2", "two", input("c-2"))),
                List.of());
        outputs.completeNext();
        outputs.errorNext(new IllegalStateException("broker gone"));
        assertThat(done).isCompletedExceptionally();
    }

    @Test
    void eachOutputContinuesTheTraceOfItsInput() {
        publisher.publish(List.of(new Output<>("c-1", "one", input("c-1")), new Output<>("c-2", "two", null)),
                List.of());

        String continued = text(outputs.history().get(0), "traceparent");
        assertThat(continued).startsWith("00-" + TRACE_ID + "-").doesNotContain("00f067aa0ba902b7");
        assertThat(text(outputs.history().get(1), "traceparent")).as("a new trace without an input")
                .doesNotContain(TRACE_ID);
    }

    @Test
    void nothingToSendIsDoneAtOnce() {
        assertThat(publisher.publish(List.of(), List.of())).isCompleted();
    }

    private static ConsumerRecord<String, byte[]> input(String key) {
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("content", 2, 7L, key,
                "{\"in\":true}".getBytes(StandardCharsets.UTF_8));
        record.headers().add("traceparent",
                ("00-" + TRACE_ID + "-00f067aa0ba902b7-01").getBytes(StandardCharsets.UTF_8));
        return record;
    }

    private static String text(ProducerRecord<String, ?> record, String header) {
        return new String(record.headers().lastHeader(header).value(), StandardCharsets.UTF_8);
    }
}
