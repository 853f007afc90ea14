package dev.cpo.experiment.messaging;

import dev.cpo.events.AssignmentEvent;
import dev.cpo.events.EngagementEvent;
import dev.cpo.events.Topics;
import dev.cpo.experiment.assignment.ContactPolicy;
import dev.cpo.experiment.assignment.ControlMessage;
import dev.cpo.experiment.definition.ExperimentDefinition;
import dev.cpo.experiment.definition.ExperimentSource;
import dev.cpo.experiment.history.HillstromImport;
import dev.cpo.experiment.history.ImportSink;
import dev.cpo.experiment.history.ImportSummary;
import dev.cpo.experiment.history.LineError;
import dev.cpo.experiment.persistence.ExperimentRegistry;
import dev.cpo.experiment.stats.Metric;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * Imports a past experiment through the topics: the whole file is checked first (nothing is sent if any line is
 * bad), the experiment is defined as historical, then every row's assignment goes to {@code assignments} and its
 * engagement to {@code engagement}, where the measurement side folds them in like live events. Re-importing the
 * same file sends the same event ids, which the measurement side ignores as duplicates.
 */
@ApplicationScoped
public class HistoricalImports {

    /** At most this many line errors are reported. */
    public static final int MAX_ERRORS_REPORTED = 50;

    private final KafkaClientService clients;
    private final ExperimentRegistry experiments;
    private final String assignmentsTopic;
    private final String engagementTopic;

    HistoricalImports(@Channel(Channels.IMPORT_ENGAGEMENT_OUT) MutinyEmitter<EngagementEvent> engagement,
            KafkaClientService clients, ExperimentRegistry experiments,
            @ConfigProperty(name = "mp.messaging.outgoing." + Channels.ASSIGNMENTS_OUT + ".topic",
                    defaultValue = Topics.ASSIGNMENTS) String assignmentsTopic,
            @ConfigProperty(name = "mp.messaging.outgoing." + Channels.IMPORT_ENGAGEMENT_OUT + ".topic",
                    defaultValue = Topics.ENGAGEMENT) String engagementTopic) {
        this.clients = clients;
        this.experiments = experiments;
        this.assignmentsTopic = assignmentsTopic;
        this.engagementTopic = engagementTopic;
    }

    /**
     * The outcome of an import.
     *
     * @param summary what the file holds
     * @param errors the first line errors (nothing was sent when there are any)
     * @param sent whether the events were sent
     * @param assignmentsSent assignment events acknowledged by the broker
     * @param engagementSent engagement events acknowledged by the broker
     */
    public record Outcome(ImportSummary summary, List<LineError> errors, boolean sent, long assignmentsSent,
            long engagementSent) {
    }

    /** The experiment id is taken by a live experiment. */
    public static final class ConflictException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ConflictException(String message) {
            super(message);
        }
    }

    /**
     * @param experimentId the id to import under
     * @param file the Hillstrom CSV
     * @param assignedAt when the historical customers were assigned
     * @return the outcome
     * @throws IOException if the file cannot be read
     * @throws ConflictException if a live experiment has the id
     */
    public Outcome importHillstrom(String experimentId, Path file, Instant assignedAt) throws IOException {
        HillstromImport importer = new HillstromImport(experimentId, assignedAt);
        List<LineError> errors = new ArrayList<>();
        ImportSummary checked = importer.validate(file, e -> {
            if (errors.size() < MAX_ERRORS_REPORTED) {
                errors.add(e);
            }
        });
        if (!checked.clean() || !errors.isEmpty()) {
            return new Outcome(checked, List.copyOf(errors), false, 0, 0);
        }
        experiments.find(experimentId).ifPresent(existing -> {
            if (existing.source() != ExperimentSource.HISTORICAL) {
                throw new ConflictException("experiment " + experimentId + " exists and is not historical");
            }
        });
        experiments.save(new ExperimentDefinition(HillstromImport.design(experimentId),
                "Hillstrom MineThatData e-mail experiment (imported)", ExperimentSource.HISTORICAL,
                new ControlMessage("historical-control", "No e-mail", "No e-mail was sent (historical control)."),
                EnumSet.of(Metric.CLICK, Metric.CONVERSION, Metric.REVENUE), Metric.CONVERSION, 0.05, 0.8, 0.15,
                0.01, assignedAt, assignedAt.plus(Duration.ofDays(14)), ContactPolicy.defaults()));

        Producer<String, AssignmentEvent> assignments = clients.<String, AssignmentEvent>getProducer(
                Channels.ASSIGNMENTS_OUT).unwrap();
        Producer<String, EngagementEvent> engagement = clients.<String, EngagementEvent>getProducer(
                Channels.IMPORT_ENGAGEMENT_OUT).unwrap();
        AtomicLong assignmentsAcked = new AtomicLong();
        AtomicLong engagementAcked = new AtomicLong();
        CompletableFuture<Void> failed = new CompletableFuture<>();
        AtomicLong pending = new AtomicLong();
        ImportSummary summary = importer.importFrom(file, ImportSink.of(row -> {
            pending.incrementAndGet();
            assignments.send(new ProducerRecord<>(assignmentsTopic, row.assignment().customerId(),
                    row.assignment()), (m, failure) -> acked(failure, assignmentsAcked, pending, failed));
            for (EngagementEvent e : row.engagement()) {
                pending.incrementAndGet();
                engagement.send(new ProducerRecord<>(engagementTopic, e.customerId(), e),
                        (m, failure) -> acked(failure, engagementAcked, pending, failed));
            }
        }, error -> {
            throw new IllegalStateException("the file changed during the import: " + error);
        }));
        assignments.flush();
        engagement.flush();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (pending.get() > 0 && !failed.isDone() && System.nanoTime() < deadline) {
            try {
                failed.get(20, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // still waiting for acknowledgements
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException e) {
                throw new IOException("the broker refused an imported event: " + e.getCause().getMessage(), e);
            }
        }
        if (pending.get() > 0) {
            throw new IOException(pending.get() + " imported events were not acknowledged by the broker; "
                    + assignmentsAcked.get() + " assignments and " + engagementAcked.get()
                    + " engagement events were sent (re-importing is safe: duplicates are ignored)");
        }
        return new Outcome(summary, List.of(), true, assignmentsAcked.get(), engagementAcked.get());
    }

    private static void acked(Exception failure, AtomicLong acked, AtomicLong pending,
            CompletableFuture<Void> failed) {
        if (failure != null) {
            failed.completeExceptionally(failure);
        } else {
            acked.incrementAndGet();
            pending.decrementAndGet();
        }
    }
}
