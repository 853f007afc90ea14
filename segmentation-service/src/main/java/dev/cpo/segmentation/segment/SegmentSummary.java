package dev.cpo.segmentation.segment;

import dev.cpo.events.Segment;

/**
 * Size and feature profile of one segment.
 *
 * @param segment the segment
 * @param size how many customers it holds
 * @param share its share of all summarized customers, 0 to 1
 * @param recencyDays days since the last purchase (customers who purchased)
 * @param frequency number of orders
 * @param monetary lifetime spend
 * @param daysSinceLastActivity days since the last activity (where known)
 * @param accountAgeDays account age in days (where known)
 * @param small whether the share is under the summarizer's threshold (10% by default)
 * @param warning why the segment is flagged, or {@code null} when it is not
 */
public record SegmentSummary(Segment segment, int size, double share, FeatureSummary recencyDays,
        FeatureSummary frequency, FeatureSummary monetary, FeatureSummary daysSinceLastActivity,
        FeatureSummary accountAgeDays, boolean small, String warning) {
}
