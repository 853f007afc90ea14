package dev.cpo.segmentation.segment;

/**
 * Mean and median of one feature over the customers of a segment that have a value for it (recency, activity and
 * account age may be unknown).
 *
 * @param count how many customers have a value
 * @param mean the arithmetic mean, {@code null} when {@code count} is 0
 * @param median the median (the mean of the two middle values for an even count), {@code null} when {@code count}
 *        is 0
 */
public record FeatureSummary(int count, Double mean, Double median) {

    /** The summary of no values. */
    public static final FeatureSummary EMPTY = new FeatureSummary(0, null, null);
}
