package dev.cpo.segmentation.service;

import dev.cpo.events.CustomerEvent;
import dev.cpo.events.EventIds;
import dev.cpo.events.Segment;
import dev.cpo.events.SegmentEvent;
import dev.cpo.events.SegmentFeatures;
import dev.cpo.segmentation.persistence.CustomerState;
import dev.cpo.segmentation.persistence.ProcessedEvent;
import dev.cpo.segmentation.segment.FeatureExtractor;
import dev.cpo.segmentation.segment.SegmentAssigner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;

/**
 * Applies one CRM customer event to the stored customer state and says which segment the customer is in now.
 * <p>
 * Idempotent on the event id: a redelivered event changes nothing and yields an event with the same id as the first
 * time. An event older than the stored state (it occurred earlier) never overwrites it; it still yields the customer's
 * current segment, so every input has exactly one output.
 */
@ApplicationScoped
public class SegmentationService {

    /** The stage name that makes output event ids deterministic. */
    static final String STAGE = "segmentation";

    private final FeatureExtractor features;
    private final SegmentAssigner assigner;
    private final Clock clock;

    SegmentationService(FeatureExtractor features, SegmentAssigner assigner, Clock clock) {
        this.features = features;
        this.assigner = assigner;
        this.clock = clock;
    }

    /**
     * @param event a valid customer event
     * @return the segment event to publish, keyed by the event's customer id
     */
    @Transactional
    public SegmentEvent apply(CustomerEvent event) {
        Instant now = clock.instant();
        CustomerState state = CustomerState.findById(event.customerId());
        boolean firstDelivery = ProcessedEvent.findById(event.eventId()) == null;
        if (state == null) {
            state = new CustomerState();
            state.apply(event, now);
            state.persist();
        } else if (firstDelivery && state.isSupersededBy(event)) {
            state.apply(event, now);
        }
        if (firstDelivery) {
            new ProcessedEvent(event.eventId(), event.customerId(), now).persist();
        }
        SegmentFeatures customerFeatures = features.extract(state.snapshot(), now);
        Segment segment = assigner.assign(customerFeatures);
        state.assign(segment);
        return new SegmentEvent(EventIds.derive(event.eventId(), STAGE), SegmentEvent.SCHEMA_VERSION, now,
                event.customerId(), event.eventId(), segment, customerFeatures);
    }
}
