package dev.cpo.simulator.messaging;

import dev.cpo.events.EngagementEvent;
import dev.cpo.events.Topics;
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
 * This stage's outputs: {@code engagement} events and {@code assignments-dlq} dead letters per batch, acknowledged
 * before the batch is committed, straight through the channels' producers (up to four small events per input); and
 * the stage counters ({@code stage=simulator}). This stage fans out: {@code cpo_records_out_total} counts engagement
 * events (0 to 4 per assignment), not assignments; see {@link SimulatorMetrics} for the per-assignment balance.
 */
@ApplicationScoped
public class SimulatorPublisher implements BatchSender<EngagementEvent> {

    /** The {@code stage} tag of the stage counters. */
    public static final String STAGE = "simulator";

    private final KafkaClientService clients;
    private final OpenTelemetry openTelemetry;
    private final StageCounters counters;
    private final String engagementTopic;
    private final String deadLetterTopic;
    private volatile DirectBatchPublisher<EngagementEvent> publisher;

    SimulatorPublisher(@Channel(Channels.ENGAGEMENT_OUT) MutinyEmitter<EngagementEvent> engagement,
            @Channel(Channels.ASSIGNMENTS_DLQ_OUT) MutinyEmitter<byte[]> deadLetters, KafkaClientService clients,
            @ConfigProperty(name = "mp.messaging.outgoing." + Channels.ENGAGEMENT_OUT + ".topic",
                    defaultValue = Topics.ENGAGEMENT) String engagementTopic,
            @ConfigProperty(name = "mp.messaging.outgoing." + Channels.ASSIGNMENTS_DLQ_OUT + ".topic",
                    defaultValue = "assignments-dlq") String deadLetterTopic,
            OpenTelemetry openTelemetry, MeterRegistry registry) {
        // The emitters declare the channels, whose sinks create (and configure, and close) the producers used here.
        this.clients = clients;
        this.openTelemetry = openTelemetry;
        this.counters = new StageCounters(registry, STAGE);
        this.engagementTopic = engagementTopic;
        this.deadLetterTopic = deadLetterTopic;
    }

    @Override
    public CompletableFuture<Void> publish(List<Output<EngagementEvent>> outputs, List<Rejection> rejections) {
        return publisher().publish(outputs, rejections);
    }

    /** @return the stage's in/out/dead-letter counters */
    public StageCounters counters() {
        return counters;
    }

    private DirectBatchPublisher<EngagementEvent> publisher() {
        DirectBatchPublisher<EngagementEvent> current = publisher;
        if (current == null) {
            synchronized (this) {
                if (publisher == null) {
                    publisher = new DirectBatchPublisher<>(
                            clients.<String, EngagementEvent>getProducer(Channels.ENGAGEMENT_OUT).unwrap(),
                            engagementTopic,
                            clients.<String, byte[]>getProducer(Channels.ASSIGNMENTS_DLQ_OUT).unwrap(),
                            deadLetterTopic, openTelemetry);
                }
                current = publisher;
            }
        }
        return current;
    }
}
