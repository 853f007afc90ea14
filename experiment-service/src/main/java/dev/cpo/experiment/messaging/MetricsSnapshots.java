package dev.cpo.experiment.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cpo.events.Topics;
import dev.cpo.experiment.definition.ExperimentDefinition;
import dev.cpo.experiment.persistence.ExperimentRegistry;
import dev.cpo.experiment.report.ExperimentReport;
import dev.cpo.experiment.report.ExperimentReports;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import jakarta.enterprise.context.ApplicationScoped;
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

    private final KafkaClientService clients;
    private final ExperimentRegistry experiments;
    private final ExperimentReports reports;
    private final ObjectMapper mapper;
    private final MeterRegistry registry;
    private final String topic;

    MetricsSnapshots(@Channel(Channels.METRICS_OUT) MutinyEmitter<byte[]> metrics, KafkaClientService clients,
            ExperimentRegistry experiments, ExperimentReports reports, ObjectMapper mapper, MeterRegistry registry,
            @ConfigProperty(name = "mp.messaging.outgoing." + Channels.METRICS_OUT + ".topic",
                    defaultValue = Topics.EXPERIMENT_METRICS) String topic) {
        this.clients = clients;
        this.experiments = experiments;
        this.reports = reports;
        this.mapper = mapper;
        this.registry = registry;
        this.topic = topic;
    }

    @Scheduled(every = "${cpo.experiment.snapshot-interval}", delayed = "${cpo.experiment.snapshot-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void periodic() {
        try {
            for (ExperimentDefinition definition : experiments.all()) {
                publish(definition.id());
            }
        } catch (RuntimeException e) {
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
