package dev.cpo.retrieval.messaging;

import dev.cpo.events.ContentEvent;
import dev.cpo.kafka.BatchPublisher;
import dev.cpo.kafka.BatchSender;
import dev.cpo.kafka.Output;
import dev.cpo.kafka.Rejection;
import dev.cpo.kafka.StageCounters;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * This stage's outputs: {@code content} events and {@code segments-dlq} dead letters, published per batch and
 * acknowledged before the batch is committed; and its counters ({@code stage=retrieval}).
 */
@ApplicationScoped
public class ContentPublisher implements BatchSender<ContentEvent> {

    private final BatchPublisher<ContentEvent> publisher;
    private final StageCounters counters;

    ContentPublisher(@Channel(Channels.CONTENT_OUT) @OnOverflow(value = OnOverflow.Strategy.BUFFER,
            bufferSize = 4096) MutinyEmitter<ContentEvent> content,
            @Channel(Channels.SEGMENTS_DLQ_OUT) @OnOverflow(value = OnOverflow.Strategy.BUFFER,
                    bufferSize = 4096) MutinyEmitter<byte[]> deadLetters,
            OpenTelemetry openTelemetry, MeterRegistry registry) {
        this.publisher = new BatchPublisher<>(content, deadLetters, openTelemetry, Duration.ofSeconds(60));
        this.counters = new StageCounters(registry, "retrieval");
    }

    @Override
    public CompletableFuture<Void> publish(List<Output<ContentEvent>> outputs, List<Rejection> rejections) {
        return publisher.publish(outputs, rejections);
    }

    /** @return the stage's in/out/dead-letter counters */
    public StageCounters counters() {
        return counters;
    }
}
