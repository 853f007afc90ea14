package dev.cpo.segmentation.messaging;

import dev.cpo.segmentation.config.SegmentationConfig;
import dev.cpo.kafka.Output;
import dev.cpo.segmentation.persistence.CustomerState;
import dev.cpo.segmentation.service.ModelService;
import dev.cpo.segmentation.service.ModelService.RecomputeResult;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import org.jboss.logging.Logger;
import java.util.concurrent.TimeUnit;

/**
 * When segments are recomputed: on demand ({@code POST /segments/recompute}), on a schedule, and once the first model
 * can be trained. Customers whose segment changed get a new {@code segments} event. Also keeps this instance on the
 * newest stored model, which another instance may have trained.
 */
@ApplicationScoped
public class SegmentRecomputer {

    private static final Logger LOG = Logger.getLogger(SegmentRecomputer.class);

    private final ModelService models;
    private final SegmentPublisher publisher;
    private final SegmentationConfig config;

    SegmentRecomputer(ModelService models, SegmentPublisher publisher,
            SegmentationConfig config) {
        this.models = models;
        this.publisher = publisher;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        models.loadNewest();
    }

    /** @return what the recompute did, after its events are acknowledged by the broker */
    public RecomputeResult recomputeAndPublish() {
        RecomputeResult result = models.recompute();
        publisher.publishAndWait(
                result.changedEvents().stream().map(e -> new Output<>(e.customerId(), e, null)).toList(), List.of());
        publisher.counters().republished(result.changed());
        return result;
    }

    /** Trains the first model once enough customers are stored (cold start of a model-based strategy). */
    void afterBatch() {
        try {
            if (models.awaitingFirstModel() && enoughCustomers()) {
                recomputeAndPublish();
            }
        } catch (RuntimeException e) {
            // The batch is already applied and published; a failed first training is retried after the next batch.
            LOG.errorf(e, "Could not train the first segmentation model");
        }
    }

    @Scheduled(identity = "segmentation-recompute", every = "${cpo.segmentation.recompute.every}", delay = 5,
            delayUnit = TimeUnit.MINUTES, concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        if (!models.awaitingFirstModel() || enoughCustomers()) {
            recomputeAndPublish();
        }
    }

    @Scheduled(identity = "segmentation-model-refresh", every = "30s", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refreshModel() {
        models.loadNewest();
    }

    private boolean enoughCustomers() {
        long stored = QuarkusTransaction.requiringNew().call(() -> CustomerState.count());
        return stored >= config.minCustomersForModel();
    }
}
