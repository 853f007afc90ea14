package dev.cpo.segmentation.segment;

import dev.cpo.events.Segment;
import dev.cpo.events.SegmentFeatures;

/** Puts a customer, described by its features, into exactly one segment. Implementations are thread-safe. */
public interface SegmentAssigner {

    /**
     * @param features the customer's features
     * @return the one segment of this customer, never {@code null}
     */
    Segment assign(SegmentFeatures features);
}
