package dev.cpo.experiment.messaging;

import dev.cpo.events.AssignmentEvent;
import dev.cpo.events.EventCodec;
import dev.cpo.events.InvalidEventException;
import dev.cpo.events.ScreenedEvent;
import dev.cpo.experiment.assignment.ContactSkip;
import dev.cpo.experiment.definition.ExperimentDefinition;
import dev.cpo.experiment.persistence.ExperimentRegistry;
import dev.cpo.experiment.persistence.JdbcAssigner;
import dev.cpo.experiment.persistence.StorageException;
import dev.cpo.kafka.BatchResult;
import dev.cpo.kafka.Output;
import dev.cpo.kafka.PipelinedBatches;
import dev.cpo.kafka.Rejection;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * The assignment side's Kafka edge: a batch of {@code screened} records in; per valid record an assignment on
 * {@code assignments} or a skip on {@code assignment-skips}; every other record to {@code screened-dlq} with the
 * reason. When PostgreSQL is unavailable the batch's records are dead-lettered ("storage unavailable"), never
 * assigned without the sticky record.
 */
@ApplicationScoped
public class ScreenedEventProcessor {

    private static final Logger LOG = Logger.getLogger(ScreenedEventProcessor.class);

    private final ExperimentRegistry experiments;
    private final JdbcAssigner assigner;
    private final AssignmentPublisher publisher;
    private final PipelinedBatches<AssignmentEvent> batches;
    private final Clock clock;

    ScreenedEventProcessor(ExperimentRegistry experiments, JdbcAssigner assigner, AssignmentPublisher publisher,
            Clock clock) {
        this.experiments = experiments;
        this.assigner = assigner;
        this.publisher = publisher;
        this.clock = clock;
        this.batches = new PipelinedBatches<>(publisher, publisher.counters());
    }

    /**
     * @param message the records of one poll
     * @return completed once this poll's records are sent; its acknowledgement follows separately
     */
    @Incoming(Channels.SCREENED_IN)
    @Blocking
    public CompletionStage<Void> process(Message<List<byte[]>> message) {
        return batches.process(message, this::assign);
    }

    private BatchResult<AssignmentEvent> assign(ConsumerRecords<String, byte[]> batch) {
        BatchResult<AssignmentEvent> result = new BatchResult<>(batch.count());
        List<ScreenedEvent> events = new ArrayList<>(batch.count());
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>(batch.count());
        for (ConsumerRecord<String, byte[]> record : batch) {
            try {
                ScreenedEvent event = EventCodec.decode(record.value(), ScreenedEvent.class);
                if (record.key() != null && !record.key().equals(event.customerId())) {
                    throw new InvalidEventException("record key does not match customerId");
                }
                events.add(event);
                records.add(record);
            } catch (InvalidEventException e) {
                LOG.warnf("Rejected screened record at partition %d offset %d: %s", record.partition(),
                        record.offset(), e.reason());
                result.reject(new Rejection(record, e.reason()), "invalid-event");
            }
        }
        if (events.isEmpty()) {
            return result;
        }
        Instant now = clock.instant();
        List<ContactSkip> skips = new ArrayList<>();
        try {
            Optional<ExperimentDefinition> running = experiments.runningLive(now);
            if (running.isEmpty()) {
                for (ScreenedEvent e : events) {
                    skips.add(new ContactSkip(null, e.customerId(), e.eventId(), ContactSkip.NO_RUNNING_EXPERIMENT,
                            now));
                }
            } else {
                List<JdbcAssigner.Planned> planned = assigner.assign(running.get(), events, now);
                for (int i = 0; i < planned.size(); i++) {
                    JdbcAssigner.Planned p = planned.get(i);
                    if (p.assignment() != null) {
                        result.output(new Output<>(p.assignment().customerId(), p.assignment(), records.get(i)));
                    } else {
                        skips.add(p.skip());
                    }
                }
            }
        } catch (StorageException e) {
            LOG.errorf("Could not assign a batch of %d screened records: %s", events.size(), e.getMessage());
            for (ConsumerRecord<String, byte[]> record : records) {
                result.reject(new Rejection(record, "storage unavailable: " + e.getMessage()),
                        "storage-unavailable");
            }
            return result;
        }
        try {
            result.alsoAwait(publisher.publishSkips(skips));
        } catch (RuntimeException e) {
            result.alsoAwait(CompletableFuture.failedFuture(e));
        }
        return result;
    }
}
