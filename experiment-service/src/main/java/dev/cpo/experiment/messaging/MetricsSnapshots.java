package dev.cpo.experiment.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cpo.events.Topics;
import dev.cpo.experiment.definition.ExperimentDefinition;
import dev.cpo.experiment.persistence.ExperimentRegistry;
import dev.cpo.experiment.report.ExperimentReport;
import dev.cpo.experiment.report.ExperimentReports;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

/**
 * Publishes each experiment's report to {@code experiment-metrics}, keyed by experiment id: every
 * {@code cpo.experiment.snapshot-interval} and on demand ({@code POST /experiments/{id}/snapshot}).
 */
@ApplicationScoped
public class MetricsSnapshots {

    private static final Logger LOG = Logger.getLogger(MetricsSnapshots.class);

    /** The advisory lock key of the periodic snapshots (any constant shared by the replicas). */
    static final long SNAPSHOT_LOCK = 0x4350_4f5f_534e_4150L;

    private final KafkaClientService clients;
    private final AgroalDataSource dataSource;
    private final ExperimentRegistry experiments;
    private final ExperimentReports reports;
    private final ObjectMapper mapper;
    private final MeterRegistry registry;
    private final String topic;

    MetricsSnapshots(@Channel(Channels.METRICS_OUT) MutinyEmitter<byte[]> metrics, KafkaClientService clients,
            ExperimentRegistry experiments, ExperimentReports reports, ObjectMapper mapper, MeterRegistry registry,
            AgroalDataSource dataSource,
            @ConfigProperty(name = "mp.messaging.outgoing." + Channels.METRICS_OUT + ".topic",
                    defaultValue = Topics.EXPERIMENT_METRICS) String topic) {
        this.clients = clients;
        this.dataSource = dataSource;
        this.experiments = experiments;
        this.reports = reports;
        this.mapper = mapper;
        this.registry = registry;
        this.topic = topic;
    }

    @Scheduled(every = "${cpo.experiment.snapshot-interval}", delayed = "${cpo.experiment.snapshot-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void periodic() {
        // Every replica runs the schedule; the one holding the advisory lock publishes, so ops get one snapshot per
        // experiment and period whatever the number of replicas.
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
                ps.setLong(1, SNAPSHOT_LOCK);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next() || !rs.getBoolean(1)) {
                        c.rollback();
                        return;
                    }
                }
                for (ExperimentDefinition definition : experiments.all()) {
                    publish(definition.id()).ifPresent(sent -> sent.join());
                }
            } finally {
                c.rollback();
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("Periodic metrics snapshot failed: %s", e.getMessage());
        }
    }

    /**
     * @param experimentId an experiment
     * @return the report published (acknowledged by the broker when the future completes), empty if unknown
     */
    public Optional<CompletableFuture<ExperimentReport>> publish(String experimentId) {
        Optional<ExperimentReport> report = reports.report(experimentId);
        if (report.isEmpty()) {
            return Optional.empty();
        }
        byte[] json;
        try {
            json = mapper.writeValueAsBytes(report.get());
        } catch (JsonProcessingException e) {
            return Optional.of(CompletableFuture.failedFuture(e));
        }
        return Optional.of(KafkaSends.sendAll(clients.<String, byte[]>getProducer(Channels.METRICS_OUT).unwrap(),
                List.of(new ProducerRecord<>(topic, experimentId, json))).thenApply(ok -> {
                    registry.counter("cpo.experiment.snapshots").increment();
                    return report.get();
                }));
    }
}
