package dev.cpo.experiment.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.cpo.events.AssignmentEvent;
import dev.cpo.events.EventCodec;
import dev.cpo.events.Topics;
import dev.cpo.experiment.assignment.ContactSkip;
import dev.cpo.kafka.BatchSender;
import dev.cpo.kafka.DirectBatchPublisher;
import dev.cpo.kafka.Output;
import dev.cpo.kafka.Rejection;
import dev.cpo.kafka.StageCounters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * The assignment side's outputs: {@code assignments} and {@code screened-dlq} per batch (acknowledged before the
 * batch is committed), the skipped customers on {@code assignment-skips}, and the counters ({@code stage=experiment}
 * plus {@code cpo_experiment_skipped_total{reason}}): records in = assignments out + skipped + dead-lettered.
 */
@ApplicationScoped
public class AssignmentPublisher implements BatchSender<AssignmentEvent> {

    private final KafkaClientService clients;
    private final OpenTelemetry openTelemetry;
    private final MeterRegistry registry;
    private final StageCounters counters;
    private final String assignmentsTopic;
    private final String deadLetterTopic;
    private final String skipsTopic;
    private volatile DirectBatchPublisher<AssignmentEvent> publisher;

    AssignmentPublisher(@Channel(Channels.ASSIGNMENTS_OUT) MutinyEmitter<AssignmentEvent> assignments,
            @Channel(Channels.SCREENED_DLQ_OUT) MutinyEmitter<byte[]> deadLetters,
            @Channel(Channels.SKIPS_OUT) MutinyEmitter<byte[]> skips, KafkaClientService clients,
            @ConfigProperty(name = "mp.messaging.outgoing." + Channels.ASSIGNMENTS_OUT + ".topic",
                    defaultValue = Topics.ASSIGNMENTS) String assignmentsTopic,
            @ConfigProperty(name = "mp.messaging.outgoing." + Channels.SCREENED_DLQ_OUT + ".topic",
                    defaultValue = "screened-dlq") String deadLetterTopic,
            @ConfigProperty(name = "mp.messaging.outgoing." + Channels.SKIPS_OUT + ".topic",
                    defaultValue = Topics.ASSIGNMENT_SKIPS) String skipsTopic,
            OpenTelemetry openTelemetry, MeterRegistry registry) {
        // The emitters declare the channels, whose sinks create (and configure, and close) the producers used here.
        this.clients = clients;
        this.openTelemetry = openTelemetry;
        this.registry = registry;
        this.counters = new StageCounters(registry, "experiment");
        this.assignmentsTopic = assignmentsTopic;
        this.deadLetterTopic = deadLetterTopic;
        this.skipsTopic = skipsTopic;
    }

    @Override
    public CompletableFuture<Void> publish(List<Output<AssignmentEvent>> outputs, List<Rejection> rejections) {
        return publisher().publish(outputs, rejections);
    }

    /**
     * @param skips the customers of one batch not contacted
     * @return completed when the broker acknowledged all of them; counted then
     */
    public CompletableFuture<Void> publishSkips(List<ContactSkip> skips) {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(skips.size());
        try {
            for (ContactSkip skip : skips) {
                records.add(new ProducerRecord<>(skipsTopic, skip.customerId(),
                        EventCodec.mapper().writeValueAsBytes(skip)));
            }
        } catch (JsonProcessingException e) {
            return CompletableFuture.failedFuture(e);
        }
        return KafkaSends.sendAll(clients.<String, byte[]>getProducer(Channels.SKIPS_OUT).unwrap(), records)
                .thenRun(() -> skips.forEach(skip -> Counter.builder("cpo.experiment.skipped")
                        .description("Screened customers not contacted, by reason").tag("reason", skip.reason())
                        .register(registry).increment()));
    }

    /** @return the stage's in/out/dead-letter counters */
    public StageCounters counters() {
        return counters;
    }

    private DirectBatchPublisher<AssignmentEvent> publisher() {
        DirectBatchPublisher<AssignmentEvent> current = publisher;
        if (current == null) {
            synchronized (this) {
                if (publisher == null) {
                    publisher = new DirectBatchPublisher<>(
                            clients.<String, AssignmentEvent>getProducer(Channels.ASSIGNMENTS_OUT).unwrap(),
                            assignmentsTopic, clients.<String, byte[]>getProducer(Channels.SCREENED_DLQ_OUT).unwrap(),
                            deadLetterTopic, openTelemetry);
                }
                current = publisher;
            }
        }
        return current;
    }
}
