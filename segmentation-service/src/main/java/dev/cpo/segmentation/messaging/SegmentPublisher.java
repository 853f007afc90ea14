package dev.cpo.segmentation.messaging;

import dev.cpo.events.SegmentEvent;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Publishes segments events and dead letters, and waits until the broker has acknowledged every one, so the input
 * batch is committed only after its outputs are safe.
 * <p>
 * Each output continues the trace of the input record it comes from: the W3C context is read from the input's
 * headers and handed to the connector, which writes it into the output's headers.
 */
@ApplicationScoped
public class SegmentPublisher {

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(60);
    private static final TextMapGetter<Headers> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers headers) {
            return StreamSupport.stream(headers.spliterator(), false).map(Header::key).toList();
        }

        @Override
        public String get(Headers headers, String key) {
            Header header = headers == null ? null : headers.lastHeader(key);
            return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }
    };

    private final MutinyEmitter<SegmentEvent> segments;
    private final MutinyEmitter<byte[]> deadLetters;
    private final OpenTelemetry openTelemetry;

    SegmentPublisher(
            @Channel(Channels.SEGMENTS_OUT) @OnOverflow(value = OnOverflow.Strategy.BUFFER,
                    bufferSize = 4096) MutinyEmitter<SegmentEvent> segments,
            @Channel(Channels.CUSTOMERS_DLQ_OUT) @OnOverflow(value = OnOverflow.Strategy.BUFFER,
                    bufferSize = 4096) MutinyEmitter<byte[]> deadLetters,
            OpenTelemetry openTelemetry) {
        this.segments = segments;
        this.deadLetters = deadLetters;
        this.openTelemetry = openTelemetry;
    }

    /** One output and the input record whose trace it continues ({@code null} when there is none). */
    public record Output(SegmentEvent event, ConsumerRecord<String, byte[]> cause) {
    }

    /** One rejected input and why. */
    public record Rejection(ConsumerRecord<String, byte[]> record, String reason) {
    }

    /**
     * Sends all outputs and dead letters, then waits for the broker's acknowledgement of each.
     *
     * @throws RuntimeException when a send fails or times out
     */
    public void publishAndWait(List<Output> outputs, List<Rejection> rejections) {
        List<Uni<Void>> sends = new ArrayList<>(outputs.size() + rejections.size());
        for (Output output : outputs) {
            Message<SegmentEvent> message = Message.of(output.event())
                    .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(output.event().customerId())
                            .build());
            if (output.cause() != null) {
                message = message.addMetadata(TracingMetadata.withCurrent(contextOf(output.cause())));
            }
            sends.add(segments.sendMessage(message));
        }
        for (Rejection rejection : rejections) {
            ConsumerRecord<String, byte[]> record = rejection.record();
            RecordHeaders headers = new RecordHeaders(record.headers().toArray());
            headers.add(DeadLetterHeaders.REASON, utf8(rejection.reason()));
            headers.add(DeadLetterHeaders.TOPIC, utf8(record.topic()));
            headers.add(DeadLetterHeaders.PARTITION, utf8(Integer.toString(record.partition())));
            headers.add(DeadLetterHeaders.OFFSET, utf8(Long.toString(record.offset())));
            Message<byte[]> message = Message.of(record.value() == null ? new byte[0] : record.value())
                    .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(record.key())
                            .withHeaders(headers).build());
            sends.add(deadLetters.sendMessage(message));
        }
        if (!sends.isEmpty()) {
            Uni.join().all(sends).andFailFast().await().atMost(SEND_TIMEOUT);
        }
    }

    private Context contextOf(ConsumerRecord<String, byte[]> record) {
        return openTelemetry.getPropagators().getTextMapPropagator().extract(Context.root(), record.headers(),
                HEADERS);
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
