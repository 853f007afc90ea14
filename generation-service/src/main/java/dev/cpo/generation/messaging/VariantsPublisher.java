package dev.cpo.generation.messaging;

import dev.cpo.events.Topics;
import dev.cpo.events.VariantsEvent;
import dev.cpo.kafka.BatchSender;
import dev.cpo.kafka.DirectBatchPublisher;
import dev.cpo.kafka.Output;
import dev.cpo.kafka.Rejection;
import dev.cpo.kafka.StageCounters;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * This stage's outputs: {@code variants} events and {@code content-dlq} dead letters, published per batch and
 * acknowledged before the batch is committed; and its counters ({@code stage=generation}). Variants events are large
 * (three bodies each), so they go straight through the channels' producers ({@link DirectBatchPublisher}); the
 * channels, their configuration and their health checks stay SmallRye's.
 */
@ApplicationScoped
public class VariantsPublisher implements BatchSender<VariantsEvent> {

    private final KafkaClientService clients;
    private final String variantsTopic;
    private final String deadLetterTopic;
    private final OpenTelemetry openTelemetry;
    private final StageCounters counters;
    private volatile DirectBatchPublisher<VariantsEvent> publisher;

    VariantsPublisher(@Channel(Channels.VARIANTS_OUT) MutinyEmitter<VariantsEvent> variants,
            @Channel(Channels.CONTENT_DLQ_OUT) MutinyEmitter<byte[]> deadLetters, KafkaClientService clients,
            @ConfigProperty(name = "mp.messaging.outgoing." + Channels.VARIANTS_OUT + ".topic",
                    defaultValue = Topics.VARIANTS) String variantsTopic,
            @ConfigProperty(name = "mp.messaging.outgoing." + Channels.CONTENT_DLQ_OUT + ".topic",
                    defaultValue = "content-dlq") String deadLetterTopic,
            OpenTelemetry openTelemetry, MeterRegistry registry) {
        // The emitters declare the channels, whose sinks create (and configure, and close) the producers used here.
        this.clients = clients;
        this.variantsTopic = variantsTopic;
        this.deadLetterTopic = deadLetterTopic;
        this.openTelemetry = openTelemetry;
        this.counters = new StageCounters(registry, "generation");
    }

    @Override
    public CompletableFuture<Void> publish(List<Output<VariantsEvent>> outputs, List<Rejection> rejections) {
        return publisher().publish(outputs, rejections);
    }

    /** @return the stage's in/out/dead-letter counters */
    public StageCounters counters() {
        return counters;
    }

    private DirectBatchPublisher<VariantsEvent> publisher() {
        DirectBatchPublisher<VariantsEvent> current = publisher;
        if (current == null) {
            synchronized (this) {
                if (publisher == null) {
                    publisher = new DirectBatchPublisher<>(
                            clients.<String, VariantsEvent>getProducer(Channels.VARIANTS_OUT).unwrap(),
                            variantsTopic,
                            clients.<String, byte[]>getProducer(Channels.CONTENT_DLQ_OUT).unwrap(),
                            deadLetterTopic, openTelemetry);
                }
                current = publisher;
            }
        }
        return current;
    }
}
