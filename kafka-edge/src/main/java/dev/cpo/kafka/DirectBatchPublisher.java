package dev.cpo.kafka;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Publishes like {@link BatchPublisher} (outputs continuing their input's W3C trace, dead letters unchanged with
 * {@link DeadLetterHeaders}, one future for the whole batch), but straight through the channels' Kafka producers
 * instead of one reactive message per record. For stages whose outputs are large and many, where the per-message
 * machinery (context propagation, a Mutiny pipeline per record) costs as much as the work itself.
 *
 * @param <T> the event type of the stage's output topic
 */
public final class DirectBatchPublisher<T> implements BatchSender<T> {

    private final Producer<String, T> outputs;
    private final String outputTopic;
    private final Producer<String, byte[]> deadLetters;
    private final String deadLetterTopic;
    private final TextMapPropagator propagator;
    private final Tracer tracer;
    private final String spanName;

    /**
     * @param outputs the producer of the output channel (its value serializer writes {@code T})
     * @param outputTopic the output topic
     * @param deadLetters the producer of the dead-letter channel ({@code byte[]} values)
     * @param deadLetterTopic the dead-letter topic
     * @param openTelemetry the propagator and tracer
     */
    public DirectBatchPublisher(Producer<String, T> outputs, String outputTopic, Producer<String, byte[]> deadLetters,
            String deadLetterTopic, OpenTelemetry openTelemetry) {
        this.outputs = outputs;
        this.outputTopic = outputTopic;
        this.deadLetters = deadLetters;
        this.deadLetterTopic = deadLetterTopic;
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
        this.tracer = openTelemetry.getTracer("dev.cpo.kafka");
        this.spanName = outputTopic + " publish";
    }

    /**
     * Sends everything now; the future completes when the broker acknowledged every record, or fails on the first
     * failure.
     *
     * @param results the outputs
     * @param rejections the dead letters
     * @return the acknowledgement of the whole batch
     */
    @Override
    public CompletableFuture<Void> publish(List<Output<T>> results, List<Rejection> rejections) {
        int total = results.size() + rejections.size();
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        if (total == 0) {
            acknowledged.complete(null);
            return acknowledged;
        }
        AtomicInteger pending = new AtomicInteger(total);
        try {
            for (Output<T> output : results) {
                Context parent = output.cause() == null
                        ? Context.root()
                        : propagator.extract(Context.root(), output.cause().headers(), TraceHeaders.GETTER);
                Span span = tracer.spanBuilder(spanName).setSpanKind(SpanKind.PRODUCER).setParent(parent)
                        .setAttribute("messaging.system", "kafka")
                        .setAttribute("messaging.destination.name", outputTopic).startSpan();
                RecordHeaders headers = new RecordHeaders();
                propagator.inject(parent.with(span), headers, TraceHeaders.SETTER);
                outputs.send(new ProducerRecord<>(outputTopic, null, output.key(), output.value(), headers),
                        acknowledge(pending, acknowledged, span));
            }
            for (Rejection rejection : rejections) {
                ConsumerRecord<String, byte[]> record = rejection.record();
                deadLetters.send(new ProducerRecord<>(deadLetterTopic, null, record.key(),
                        record.value() == null ? new byte[0] : record.value(), DeadLetterHeaders.of(rejection)),
                        acknowledge(pending, acknowledged, null));
            }
        } catch (RuntimeException e) {
            acknowledged.completeExceptionally(e);
        }
        return acknowledged;
    }

    private static Callback acknowledge(AtomicInteger pending, CompletableFuture<Void> acknowledged, Span span) {
        return (metadata, failure) -> {
            if (span != null) {
                if (failure != null) {
                    span.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName());
                }
                span.end();
            }
            if (failure != null) {
                acknowledged.completeExceptionally(failure);
            } else if (pending.decrementAndGet() == 0) {
                acknowledged.complete(null);
            }
        };
    }
}
