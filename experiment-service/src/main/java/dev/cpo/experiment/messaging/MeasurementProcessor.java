package dev.cpo.experiment.messaging;

import dev.cpo.events.AssignmentEvent;
import dev.cpo.events.CpoEvent;
import dev.cpo.events.EngagementEvent;
import dev.cpo.events.EventCodec;
import dev.cpo.events.InvalidEventException;
import dev.cpo.experiment.assignment.Arm;
import dev.cpo.experiment.definition.ExperimentDefinition;
import dev.cpo.experiment.persistence.ExperimentRegistry;
import dev.cpo.experiment.persistence.JdbcMeasurement;
import dev.cpo.experiment.persistence.StorageException;
import dev.cpo.kafka.BatchResult;
import dev.cpo.kafka.PipelinedBatches;
import dev.cpo.kafka.Rejection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * The measurement side's Kafka edge: one batched consumer of both {@code assignments} (live ones from this service,
 * imported ones from a historical import) and {@code engagement}. Valid events are folded into the aggregates in one
 * transaction per poll (assignments first); records that cannot be read, name an unknown experiment or arm, or
 * break the funnel rule go to their topic's dead-letter topic with the reason. Counted as
 * {@code cpo_experiment_measured_total{topic, fate}} (applied, normalized, duplicate) and the dead-letter counter of
 * {@code stage=measurement}: records in = measured + dead-lettered.
 */
@ApplicationScoped
public class MeasurementProcessor {

    private static final Logger LOG = Logger.getLogger(MeasurementProcessor.class);

    private final ExperimentRegistry experiments;
    private final JdbcMeasurement measurement;
    private final MeterRegistry registry;
    private final PipelinedBatches<Void> batches;
    private final Clock clock;
    private final String assignmentsTopic;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    MeasurementProcessor(ExperimentRegistry experiments, JdbcMeasurement measurement,
            MeasurementDeadLetters deadLetters, MeterRegistry registry, Clock clock,
            @ConfigProperty(name = "cpo.experiment.assignments-topic",
                    defaultValue = "assignments") String assignmentsTopic) {
        this.experiments = experiments;
        this.measurement = measurement;
        this.registry = registry;
        this.clock = clock;
        this.assignmentsTopic = assignmentsTopic;
        this.batches = new PipelinedBatches<>(deadLetters, deadLetters.counters());
    }

    /**
     * @param message the records of one poll
     * @return completed once this poll's dead letters are sent; its acknowledgement follows separately
     */
    @Incoming(Channels.MEASURE_IN)
    @Blocking
    public CompletionStage<Void> process(Message<List<byte[]>> message) {
        return batches.process(message, this::measure);
    }

    private BatchResult<Void> measure(ConsumerRecords<String, byte[]> batch) {
        BatchResult<Void> result = new BatchResult<>(0);
        List<AssignmentEvent> assignments = new ArrayList<>();
        List<ConsumerRecord<String, byte[]>> assignmentRecords = new ArrayList<>();
        List<EngagementEvent> engagement = new ArrayList<>();
        List<ConsumerRecord<String, byte[]>> engagementRecords = new ArrayList<>();
        // Experiment and arm checks, once per distinct pair of the poll.
        Map<String, String> problems = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : batch) {
            boolean isAssignment = record.topic().equals(assignmentsTopic);
            try {
                CpoEvent event = isAssignment
                        ? EventCodec.decode(record.value(), AssignmentEvent.class)
                        : EventCodec.decode(record.value(), EngagementEvent.class);
                if (record.key() != null && !record.key().equals(event.customerId())) {
                    throw new InvalidEventException("record key does not match customerId");
                }
                String experimentId = isAssignment
                        ? ((AssignmentEvent) event).experimentId()
                        : ((EngagementEvent) event).experimentId();
                String arm = isAssignment ? ((AssignmentEvent) event).arm() : ((EngagementEvent) event).arm();
                String problem = problems.computeIfAbsent(experimentId + '\u0000' + arm,
                        k -> Objects.requireNonNullElse(checkExperiment(experimentId, arm), ""));
                problem = problem.isEmpty() ? null : problem;
                if (problem != null) {
                    result.reject(new Rejection(record, problem), "unknown-experiment");
                    continue;
                }
                if (isAssignment) {
                    assignments.add((AssignmentEvent) event);
                    assignmentRecords.add(record);
                } else {
                    engagement.add((EngagementEvent) event);
                    engagementRecords.add(record);
                }
            } catch (InvalidEventException e) {
                LOG.warnf("Rejected %s record at partition %d offset %d: %s", record.topic(), record.partition(),
                        record.offset(), e.reason());
                result.reject(new Rejection(record, e.reason()), "invalid-event");
            } catch (StorageException e) {
                result.reject(new Rejection(record, "storage unavailable: " + e.getMessage()), "storage-unavailable");
            }
        }
        if (assignments.isEmpty() && engagement.isEmpty()) {
            return result;
        }
        List<JdbcMeasurement.Result> results;
        try {
            results = measurement.ingest(assignments, engagement, clock.instant());
        } catch (StorageException e) {
            LOG.errorf("Could not record a batch of %d events: %s", assignments.size() + engagement.size(),
                    e.getMessage());
            for (ConsumerRecord<String, byte[]> record : assignmentRecords) {
                result.reject(new Rejection(record, "storage unavailable: " + e.getMessage()), "storage-unavailable");
            }
            for (ConsumerRecord<String, byte[]> record : engagementRecords) {
                result.reject(new Rejection(record, "storage unavailable: " + e.getMessage()), "storage-unavailable");
            }
            return result;
        }
        long[][] fates = new long[2][JdbcMeasurement.Fate.values().length];
        for (int i = 0; i < results.size(); i++) {
            JdbcMeasurement.Result r = results.get(i);
            boolean isAssignment = i < assignments.size();
            ConsumerRecord<String, byte[]> record = isAssignment
                    ? assignmentRecords.get(i)
                    : engagementRecords.get(i - assignments.size());
            if (r.fate() == JdbcMeasurement.Fate.REJECTED) {
                result.reject(new Rejection(record, r.reason()), "rejected-by-ledger");
            } else {
                fates[isAssignment ? 0 : 1][r.fate().ordinal()]++;
            }
        }
        for (int topic = 0; topic < 2; topic++) {
            for (JdbcMeasurement.Fate fate : JdbcMeasurement.Fate.values()) {
                if (fates[topic][fate.ordinal()] > 0) {
                    measured(topic == 0 ? "assignments" : "engagement", fate).increment(fates[topic][fate.ordinal()]);
                }
            }
        }
        return result;
    }

    private Counter measured(String topic, JdbcMeasurement.Fate fate) {
        return counters.computeIfAbsent(topic + '/' + fate, k -> Counter.builder("cpo.experiment.measured")
                .description("Assignment and engagement records folded into the aggregates, by fate")
                .tag("topic", topic).tag("fate", fate.name().toLowerCase(Locale.ROOT)).register(registry));
    }

    private String checkExperiment(String experimentId, String arm) {
        Optional<ExperimentDefinition> definition = experiments.find(experimentId);
        if (definition.isEmpty()) {
            return "unknown experiment in field 'experimentId'";
        }
        for (Arm a : definition.get().design().arms()) {
            if (a.name().equals(arm)) {
                return null;
            }
        }
        return "field 'arm' names no arm of the experiment";
    }
}
