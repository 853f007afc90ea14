package dev.cpo.safety.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.cpo.events.EventCodec;
import dev.cpo.events.ScreenedEvent;
import dev.cpo.events.Topics;
import dev.cpo.kafka.BatchSender;
import dev.cpo.kafka.DirectBatchPublisher;
import dev.cpo.kafka.Output;
import dev.cpo.kafka.Rejection;
import dev.cpo.kafka.StageCounters;
import dev.cpo.safety.screen.AuditRecord;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * This stage's outputs: {@code screened} events and {@code variants-dlq} dead letters per batch, acknowledged before
 * the batch is committed; the decisions made in a batch on {@code safety-audit}; and the counters
 * ({@code stage=safety}). Screened events carry the variants, so they go straight through the channels' producers.
 */
@ApplicationScoped
public class SafetyPublisher implements BatchSender<ScreenedEvent> {

    private final KafkaClientService clients;
    private final OpenTelemetry openTelemetry;
    private final StageCounters counters;
    private final String screenedTopic;
    private final String deadLetterTopic;
    private final String auditTopic;
    private volatile DirectBatchPublisher<ScreenedEvent> publisher;

    SafetyPublisher(@Channel(Channels.SCREENED_OUT) MutinyEmitter<ScreenedEvent> screened,
            @Channel(Channels.VARIANTS_DLQ_OUT) MutinyEmitter<byte[]> deadLetters,
            @Channel(Channels.SAFETY_AUDIT_OUT) MutinyEmitter<byte[]> audit, KafkaClientService clients,
            @ConfigProperty(name = "mp.messaging.outgoing." + Channels.SCREENED_OUT + ".topic",
                    defaultValue = Topics.SCREENED) String screenedTopic,
            @ConfigProperty(name = "mp.messaging.outgoing." + Channels.VARIANTS_DLQ_OUT + ".topic",
                    defaultValue = "variants-dlq") String deadLetterTopic,
            @ConfigProperty(name = "mp.messaging.outgoing." + Channels.SAFETY_AUDIT_OUT + ".topic",
                    defaultValue = Topics.SAFETY_AUDIT) String auditTopic,
            OpenTelemetry openTelemetry, MeterRegistry registry) {
        // The emitters declare the channels, whose sinks create (and configure, and close) the producers used here.
        this.clients = clients;
        this.openTelemetry = openTelemetry;
        this.counters = new StageCounters(registry, "safety");
        this.screenedTopic = screenedTopic;
        this.deadLetterTopic = deadLetterTopic;
        this.auditTopic = auditTopic;
    }

    @Override
    public CompletableFuture<Void> publish(List<Output<ScreenedEvent>> outputs, List<Rejection> rejections) {
        return publisher().publish(outputs, rejections);
    }

    /**
     * @param decisions decisions made in one batch
     * @return completed when the broker acknowledged all of them
     */
    public CompletableFuture<Void> publishDecisions(List<AuditRecord> decisions) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (decisions.isEmpty()) {
            done.complete(null);
            return done;
        }
        Producer<String, byte[]> producer = clients.<String, byte[]>getProducer(Channels.SAFETY_AUDIT_OUT).unwrap();
        AtomicInteger pending = new AtomicInteger(decisions.size());
        try {
            for (AuditRecord decision : decisions) {
                producer.send(new ProducerRecord<>(auditTopic, decision.variantId(),
                        EventCodec.mapper().writeValueAsBytes(decision)), (metadata, failure) -> {
                            if (failure != null) {
                                done.completeExceptionally(failure);
                            } else if (pending.decrementAndGet() == 0) {
                                done.complete(null);
                            }
                        });
            }
        } catch (JsonProcessingException | RuntimeException e) {
            done.completeExceptionally(e);
        }
        return done;
    }

    /** @return the stage's in/out/dead-letter counters */
    public StageCounters counters() {
        return counters;
    }

    private DirectBatchPublisher<ScreenedEvent> publisher() {
        DirectBatchPublisher<ScreenedEvent> current = publisher;
        if (current == null) {
            synchronized (this) {
                if (publisher == null) {
                    publisher = new DirectBatchPublisher<>(
                            clients.<String, ScreenedEvent>getProducer(Channels.SCREENED_OUT).unwrap(),
                            screenedTopic, clients.<String, byte[]>getProducer(Channels.VARIANTS_DLQ_OUT).unwrap(),
                            deadLetterTopic, openTelemetry);
                }
                current = publisher;
            }
        }
        return current;
    }
}
