package dev.cpo.segmentation.rest;

import dev.cpo.events.Segment;
import dev.cpo.events.SegmentFeatures;
import dev.cpo.segmentation.persistence.CustomerState;
import dev.cpo.segmentation.segment.FeatureExtractor;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** One customer's current segment. */
@Path("/customers")
@Produces(MediaType.APPLICATION_JSON)
public class CustomerResource {

    private final FeatureExtractor features;
    private final Clock clock;

    CustomerResource(FeatureExtractor features, Clock clock) {
        this.features = features;
        this.clock = clock;
    }

    /**
     * @param customerId the segment of a customer, with the features it was chosen on
     * @param segment the segment the customer is in now
     * @param features the customer's features now
     * @param lastEventAt when the last applied CRM event occurred
     */
    public record CustomerSegment(String customerId, Segment segment, SegmentFeatures features, Instant lastEventAt) {
    }

    @GET
    @Path("/{id}/segment")
    @Operation(summary = "The segment a customer is in now, with the features it was chosen on")
    public CustomerSegment segmentOf(@PathParam("id") String customerId) {
        CustomerState state = CustomerState.findById(customerId);
        if (state == null) {
            throw new NotFoundException("no customer with this id has been received");
        }
        Segment segment = state.segmentId == null
                ? null
                : new Segment(state.segmentId, state.segmentLabel, state.segmentStrategy, state.modelVersion);
        return new CustomerSegment(state.customerId, segment, features.extract(state.snapshot(), clock.instant()),
                state.lastEventAt);
    }
}
