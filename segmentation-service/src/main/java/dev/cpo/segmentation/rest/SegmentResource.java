package dev.cpo.segmentation.rest;

import dev.cpo.events.Segment;
import dev.cpo.rest.AdminOnly;
import dev.cpo.segmentation.persistence.CustomerState;
import dev.cpo.segmentation.segment.FeatureExtractor;
import dev.cpo.segmentation.segment.SegmentSummarizer;
import dev.cpo.segmentation.segment.SegmentationSummary;
import dev.cpo.segmentation.segment.SegmentedCustomer;
import dev.cpo.segmentation.messaging.SegmentRecomputer;
import dev.cpo.segmentation.service.ModelService;
import dev.cpo.segmentation.service.ModelService.RecomputeResult;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The segments: what they hold, and retraining them. */
@Path("/segments")
@Produces(MediaType.APPLICATION_JSON)
public class SegmentResource {

    private final FeatureExtractor features;
    private final ModelService models;
    private final SegmentRecomputer recomputer;
    private final Clock clock;

    SegmentResource(FeatureExtractor features, ModelService models, SegmentRecomputer recomputer, Clock clock) {
        this.features = features;
        this.models = models;
        this.recomputer = recomputer;
        this.clock = clock;
    }

    /**
     * @param strategy the strategy configured
     * @param modelVersion the model in force
     * @param summary per segment: size, share, mean and median of each feature, warnings for small segments
     */
    public record SegmentsView(String strategy, String modelVersion, SegmentationSummary summary) {
    }

    /**
     * @param strategy the strategy trained
     * @param modelVersion the new model
     * @param customers customers rescored
     * @param changed customers whose segment changed (each got a new segments event)
     * @param millis how long it took
     */
    public record RecomputeView(String strategy, String modelVersion, int customers, int changed, long millis) {
    }

    @GET
    @Operation(summary = "Every segment with its size, share, feature means and medians; small segments flagged")
    public SegmentsView summary() {
        Instant now = clock.instant();
        List<SegmentedCustomer> customers = QuarkusTransaction.requiringNew().call(() -> {
            List<SegmentedCustomer> all = new ArrayList<>();
            for (CustomerState state : CustomerState.<CustomerState>listAll()) {
                if (state.segmentId != null) {
                    all.add(new SegmentedCustomer(new Segment(state.segmentId, state.segmentLabel,
                            state.segmentStrategy, state.modelVersion), features.extract(state.snapshot(), now)));
                }
            }
            return all;
        });
        return new SegmentsView(models.strategy().name().toLowerCase(java.util.Locale.ROOT), models.activeVersion(),
                new SegmentSummarizer().summarize(customers));
    }

    @POST
    @Path("/recompute")
    @AdminOnly
    @Operation(summary = "Retrain the model on all customers and rescore them (admin token required); customers "
            + "whose segment changed get a new segments event")
    public RecomputeView recompute() {
        RecomputeResult result = recomputer.recomputeAndPublish();
        return new RecomputeView(result.strategy(), result.modelVersion(), result.customers(), result.changed(),
                result.millis());
    }
}
