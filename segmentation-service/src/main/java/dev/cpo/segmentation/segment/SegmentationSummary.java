package dev.cpo.segmentation.segment;

import java.util.List;

/**
 * The summary of a segmentation: every segment with its size, share and feature profile.
 *
 * @param customers how many customers were summarized
 * @param smallShareThreshold the share under which a segment is flagged as small
 * @param segments one entry per segment, largest first (then by id)
 */
public record SegmentationSummary(int customers, double smallShareThreshold, List<SegmentSummary> segments) {

    /** Copies the list. */
    public SegmentationSummary {
        segments = List.copyOf(segments);
    }
}
