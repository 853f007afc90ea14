package dev.cpo.generation.messaging;

import dev.cpo.events.VariantsEvent;
import dev.cpo.kafka.BatchPublisher;
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
 * This stage's outputs: {@code variants} events and {@code content-dlq} dead letters, published per batch and
 * acknowledged before the batch is committed; and its counters ({@code stage=generation}).
 */
@ApplicationScoped
public class VariantsPublisher {

    private final BatchPublisher<VariantsEvent> publisher;
    private final StageCounters counters;

    VariantsPublisher(@Channel(Channels.VARIANTS_OUT) @OnOverflow(value = OnOverflow.Strategy.BUFFER,
            bufferSize = 4096) MutinyEmitter<VariantsEvent> variants,
            @Channel(Channels.CONTENT_DLQ_OUT) @OnOverflow(value = OnOverflow.Strategy.BUFFER,
                    bufferSize = 4096) MutinyEmitter<byte[]> deadLetters,
            OpenTelemetry openTelemetry, MeterRegistry registry) {
        this.publisher = new BatchPublisher<>(variants, deadLetters, openTelemetry, Duration.ofSeconds(60));
        this.counters = new StageCounters(registry, "generation");
    }

    /** @see BatchPublisher#publish(List, List) */
    public CompletableFuture<Void> publish(List<Output<VariantsEvent>> outputs, List<Rejection> rejections) {
        return publisher.publish(outputs, rejections);
    }

    /** @return the stage's in/out/dead-letter counters */
    public StageCounters counters() {
        return counters;
    }
}
