package dev.cpo.segmentation.segment;

import dev.cpo.events.Segment;
import dev.cpo.events.SegmentFeatures;
import java.util.Objects;

/**
 * A customer's segment with the features it was assigned from.
 *
 * @param segment the segment
 * @param features the features
 */
public record SegmentedCustomer(Segment segment, SegmentFeatures features) {

    /** Checks that both are present. */
    public SegmentedCustomer {
        Objects.requireNonNull(segment, "segment");
        Objects.requireNonNull(features, "features");
    }
}
