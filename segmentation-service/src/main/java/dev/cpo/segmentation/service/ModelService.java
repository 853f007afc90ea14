package dev.cpo.segmentation.service;

import dev.cpo.events.EventIds;
import dev.cpo.events.Segment;
import dev.cpo.events.SegmentEvent;
import dev.cpo.events.SegmentFeatures;
import dev.cpo.segmentation.config.SegmentationConfig;
import dev.cpo.segmentation.config.SegmentationConfig.Strategy;
import dev.cpo.segmentation.persistence.CustomerState;
import dev.cpo.segmentation.persistence.ModelCodec;
import dev.cpo.segmentation.persistence.SegmentationModelRecord;
import dev.cpo.segmentation.segment.FeatureExtractor;
import dev.cpo.segmentation.segment.KMeansModel;
import dev.cpo.segmentation.segment.KMeansSegmenter;
import dev.cpo.segmentation.segment.KMeansSettings;
import dev.cpo.segmentation.segment.KMeansTrainer;
import dev.cpo.segmentation.segment.LifecycleSegmenter;
import dev.cpo.segmentation.segment.RfmModel;
import dev.cpo.segmentation.segment.RfmSegmenter;
import dev.cpo.segmentation.segment.SegmentAssigner;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Trains, stores, loads and activates the segmentation model of the configured strategy, and rescores the stored
 * customers with it.
 * <p>
 * Cold start: a model-based strategy (rfm, kmeans) with no stored model gives lifecycle segments until
 * {@code min-customers-for-model} customers are stored; then it trains its first model and every customer whose
 * segment changed gets a new {@code segments} event.
 */
@ApplicationScoped
public class ModelService {

    private static final Logger LOG = Logger.getLogger(ModelService.class);
    private static final DateTimeFormatter VERSION_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final SegmentationConfig config;
    private final ActiveSegmenter active;
    private final FeatureExtractor features;
    private final ModelCodec codec;
    private final Clock clock;
    private final LifecycleSegmenter lifecycle;
    private volatile String activeVersion;

    ModelService(SegmentationConfig config, ActiveSegmenter active, FeatureExtractor features, ModelCodec codec,
            Clock clock) {
        this.config = config;
        this.active = active;
        this.features = features;
        this.codec = codec;
        this.clock = clock;
        this.lifecycle = new LifecycleSegmenter(config.lifecycle().dormantAfterDays(),
                config.lifecycle().newForDays());
    }

    /** What a recompute did. */
    public record RecomputeResult(String strategy, String modelVersion, int customers, int changed,
            List<SegmentEvent> changedEvents, long millis) {
    }

    /** @return the strategy configured */
    public Strategy strategy() {
        return config.strategy();
    }

    /** @return the version of the model in force, or the lifecycle rules' version during a cold start */
    public String activeVersion() {
        return activeVersion == null ? lifecycle.modelVersion() : activeVersion;
    }

    /** @return whether a model-based strategy still waits for its first model */
    public boolean awaitingFirstModel() {
        return config.strategy() != Strategy.LIFECYCLE && activeVersion == null;
    }

    /**
     * Activates the newest stored model of the configured strategy, if it is newer than the one in force; during a
     * cold start the lifecycle rules stay in force.
     *
     * @return whether a model was activated
     */
    public boolean loadNewest() {
        if (config.strategy() == Strategy.LIFECYCLE) {
            active.activate(lifecycle);
            activeVersion = lifecycle.modelVersion();
            return true;
        }
        Optional<SegmentationModelRecord> newest = QuarkusTransaction.requiringNew()
                .call(() -> SegmentationModelRecord.newest(strategyName()));
        if (newest.isEmpty() || newest.get().version.equals(activeVersion)) {
            return false;
        }
        active.activate(assignerOf(newest.get()));
        activeVersion = newest.get().version;
        LOG.infof("Segmentation model %s in force (%s, trained on %d customers)", activeVersion, strategyName(),
                newest.get().trainedOn);
        return true;
    }

    /**
     * Retrains the model on all stored customers, stores it, puts it in force and rescores every customer.
     *
     * @return what changed; the caller publishes {@link RecomputeResult#changedEvents()}
     */
    public RecomputeResult recompute() {
        return active.exclusively(() -> QuarkusTransaction.requiringNew().call(this::retrainAndRescore));
    }

    private RecomputeResult retrainAndRescore() {
        long started = System.nanoTime();
        Instant now = clock.instant();
        List<CustomerState> customers = CustomerState.listAll();
        if (customers.isEmpty()) {
            return new RecomputeResult(strategyName(), activeVersion(), 0, 0, List.of(), 0);
        }
        List<SegmentFeatures> population = new ArrayList<>(customers.size());
        for (CustomerState customer : customers) {
            population.add(features.extract(customer.snapshot(), now));
        }
        String version = strategyName() + "-" + VERSION_TIME.format(now);
        SegmentAssigner assigner = train(population, version, now);
        List<SegmentEvent> changed = new ArrayList<>();
        for (int i = 0; i < customers.size(); i++) {
            CustomerState customer = customers.get(i);
            Segment segment = assigner.assign(population.get(i));
            boolean segmentChanged = !segment.id().equals(customer.segmentId);
            customer.assign(segment);
            if (segmentChanged) {
                changed.add(new SegmentEvent(EventIds.derive(customer.lastEventId, "segmentation-recompute:" + version),
                        SegmentEvent.SCHEMA_VERSION, now, customer.customerId, customer.lastEventId, segment,
                        population.get(i)));
            }
        }
        active.activate(assigner);
        activeVersion = version;
        long millis = (System.nanoTime() - started) / 1_000_000;
        LOG.infof("Recomputed segments with %s: %d customers, %d changed, %d ms", version, customers.size(),
                changed.size(), millis);
        return new RecomputeResult(strategyName(), version, customers.size(), changed.size(), changed, millis);
    }

    private SegmentAssigner train(List<SegmentFeatures> population, String version, Instant now) {
        SegmentationModelRecord record = new SegmentationModelRecord();
        record.version = version;
        record.strategy = strategyName();
        record.trainedAt = now;
        record.trainedOn = population.size();
        SegmentAssigner assigner;
        switch (config.strategy()) {
            case RFM -> {
                RfmModel model = RfmModel.fit(population, version);
                record.model = codec.encode(model);
                assigner = new RfmSegmenter(model);
            }
            case KMEANS -> {
                KMeansModel model = new KMeansTrainer(kmeansSettings(population.size())).train(population, version);
                record.model = codec.encode(model);
                assigner = new KMeansSegmenter(model);
            }
            default -> {
                return lifecycle;
            }
        }
        record.persist();
        return assigner;
    }

    private KMeansSettings kmeansSettings(int populationSize) {
        SegmentationConfig.KMeans k = config.kmeans();
        int most = Math.max(1, Math.min(populationSize, k.maxK()));
        if (k.k().isPresent()) {
            return KMeansSettings.fixedK(Math.min(k.k().getAsInt(), most), k.seed());
        }
        return KMeansSettings.chooseK(Math.min(k.minK(), most), most, k.seed());
    }

    private SegmentAssigner assignerOf(SegmentationModelRecord record) {
        return switch (config.strategy()) {
            case RFM -> new RfmSegmenter(codec.rfm(record));
            case KMEANS -> new KMeansSegmenter(codec.kmeans(record));
            case LIFECYCLE -> lifecycle;
        };
    }

    private String strategyName() {
        return config.strategy().name().toLowerCase(java.util.Locale.ROOT);
    }
}
