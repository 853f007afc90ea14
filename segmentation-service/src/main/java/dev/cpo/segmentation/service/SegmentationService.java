package dev.cpo.segmentation.service;

import dev.cpo.events.CustomerEvent;
import dev.cpo.events.EventIds;
import dev.cpo.events.Segment;
import dev.cpo.events.SegmentEvent;
import dev.cpo.events.SegmentFeatures;
import dev.cpo.segmentation.persistence.CustomerState;
import dev.cpo.segmentation.persistence.CustomerBatchStore;
import dev.cpo.segmentation.segment.FeatureExtractor;
import dev.cpo.segmentation.segment.SegmentAssigner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Applies CRM customer events to the stored customer state and says which segment each customer is in now.
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
    private final ActiveSegmenter segmenter;
    private final Clock clock;
    private final CustomerBatchStore store;

    SegmentationService(FeatureExtractor features, ActiveSegmenter segmenter, Clock clock,
            CustomerBatchStore store) {
        this.store = store;
        this.features = features;
        this.segmenter = segmenter;
        this.clock = clock;
    }

    /**
     * Applies a batch of events, in order, in one transaction.
     *
     * @param events valid customer events
     * @return one segment event per input event, in the same order
     */
    @Transactional
    public List<SegmentEvent> apply(List<CustomerEvent> events) {
        Instant now = clock.instant();
        SegmentAssigner assigner = segmenter.get();
        Set<UUID> alreadyApplied = store.appliedEventIds(events.stream().map(CustomerEvent::eventId).toList());
        Map<String, CustomerState> states = store.load(events.stream().map(CustomerEvent::customerId).distinct()
                .toList());
        Map<UUID, String> appliedNow = new LinkedHashMap<>();
        List<SegmentEvent> out = new ArrayList<>(events.size());
        for (CustomerEvent event : events) {
            boolean firstDelivery = !alreadyApplied.contains(event.eventId())
                    && appliedNow.putIfAbsent(event.eventId(), event.customerId()) == null;
            CustomerState state = states.get(event.customerId());
            if (state == null) {
                state = new CustomerState();
                state.apply(event, now);
                states.put(event.customerId(), state);
            } else if (firstDelivery && state.isSupersededBy(event)) {
                state.apply(event, now);
            }
            SegmentFeatures customerFeatures = features.extract(state.snapshot(), now);
            Segment segment = assigner.assign(customerFeatures);
            state.assign(segment);
            out.add(new SegmentEvent(EventIds.derive(event.eventId(), STAGE), SegmentEvent.SCHEMA_VERSION, now,
                    event.customerId(), event.eventId(), segment, customerFeatures));
        }
        store.save(states.values(), appliedNow, now);
        return out;
    }
}
