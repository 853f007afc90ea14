package dev.cpo.simulator.messaging;

import dev.cpo.events.AssignmentEvent;
import dev.cpo.events.EngagementEvent;
import dev.cpo.events.EventCodec;
import dev.cpo.events.InvalidEventException;
import dev.cpo.kafka.BatchResult;
import dev.cpo.kafka.Output;
import dev.cpo.kafka.PipelinedBatches;
import dev.cpo.kafka.Rejection;
import dev.cpo.simulator.model.EngagementSimulator;
import dev.cpo.simulator.model.Simulation;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * The Kafka edge: a batch of {@code assignments} records in; for each valid one, its engagement events (none when
 * skipped or bounced, else DELIVERED and possibly OPENED, CLICKED, CONVERTED, in that order, keyed by customer id) on
 * {@code engagement}; every invalid record, or one whose key is not its customer id, to {@code assignments-dlq},
 * unchanged, with the reason.
 */
@ApplicationScoped
public class AssignmentsEventProcessor {

    private static final Logger LOG = Logger.getLogger(AssignmentsEventProcessor.class);

    private final EngagementSimulator simulator;
    private final SimulatorPublisher publisher;
    private final SimulatorMetrics metrics;
    private final PipelinedBatches<EngagementEvent> batches;
    /** Each batch's tally, from building it to sending it (keyed by the identity of its output list). */
    private final Map<List<Output<EngagementEvent>>, SimulatorMetrics.Tally> tallies = Collections
            .synchronizedMap(new IdentityHashMap<>());

    AssignmentsEventProcessor(EngagementSimulator simulator, SimulatorPublisher publisher, SimulatorMetrics metrics) {
        this.simulator = simulator;
        this.publisher = publisher;
        this.metrics = metrics;
        this.batches = new PipelinedBatches<>(this::send, publisher.counters());
    }

    /**
     * @param message the records of one poll
     * @return completed once this poll's records are sent; its acknowledgement follows separately
     * @see PipelinedBatches#process
     */
    @Incoming(Channels.ASSIGNMENTS_IN)
    @Blocking
    public CompletionStage<Void> process(Message<List<byte[]>> message) {
        return batches.process(message, this::simulate);
    }

    private BatchResult<EngagementEvent> simulate(ConsumerRecords<String, byte[]> batch) {
        BatchResult<EngagementEvent> result = new BatchResult<>(batch.count() * 2);
        SimulatorMetrics.Tally tally = new SimulatorMetrics.Tally();
        for (ConsumerRecord<String, byte[]> record : batch) {
            AssignmentEvent assignment;
            try {
                assignment = EventCodec.decode(record.value(), AssignmentEvent.class);
                if (record.key() != null && !record.key().equals(assignment.customerId())) {
                    throw new InvalidEventException("record key does not match customerId");
                }
            } catch (InvalidEventException e) {
                LOG.warnf("Rejected assignments record at partition %d offset %d: %s", record.partition(),
                        record.offset(), e.reason());
                result.reject(new Rejection(record, e.reason()), "invalid-event");
                continue;
            }
            Simulation simulation;
            try {
                simulation = simulator.simulate(assignment);
            } catch (RuntimeException e) {
                LOG.errorf(e, "Simulating the assignments record at partition %d offset %d failed",
                        record.partition(), record.offset());
                result.reject(new Rejection(record, "processing error: " + e.getClass().getSimpleName()),
                        "processing-error");
                continue;
            }
            tally.add(simulation);
            for (EngagementEvent event : simulation.events()) {
                result.output(new Output<>(event.customerId(), event, record));
            }
        }
        tallies.put(result.outputs(), tally);
        return result;
    }

    /** Sends a batch; once the broker has it all, counts what the batch made. */
    private CompletableFuture<Void> send(List<Output<EngagementEvent>> outputs, List<Rejection> rejections) {
        SimulatorMetrics.Tally tally = tallies.remove(outputs);
        return publisher.publish(outputs, rejections).whenComplete((ok, failure) -> {
            if (failure == null && tally != null) {
                metrics.count(tally);
            }
        });
    }
}
