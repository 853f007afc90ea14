package dev.cpo.segmentation.segment;

import dev.cpo.events.SegmentFeatures;
import java.math.BigDecimal;

/** Short ways to write customer features in tests. */
final class TestFeatures {

    private TestFeatures() {
    }

    /** A customer with the given R/F/M inputs; activity = recency, account age 400 days. */
    static SegmentFeatures rfm(Integer recencyDays, int frequency, double monetary) {
        return new SegmentFeatures(recencyDays, frequency, BigDecimal.valueOf(monetary), recencyDays, 400, null,
                true);
    }

    /** A customer who never purchased. */
    static SegmentFeatures neverPurchased() {
        return new SegmentFeatures(null, 0, BigDecimal.ZERO, null, 30, null, true);
    }
}
