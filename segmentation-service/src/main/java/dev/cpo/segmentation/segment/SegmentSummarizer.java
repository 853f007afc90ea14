package dev.cpo.segmentation.segment;

import dev.cpo.events.Segment;
import dev.cpo.events.SegmentFeatures;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Summarizes a segmentation per segment: size, share, and the mean and median of recency, frequency, monetary value,
 * days since last activity and account age; a segment holding less than a threshold share of the customers (10% by
 * default) is flagged with a warning. Segments are told apart by all four fields of {@link Segment} (id, label,
 * strategy, model version). Thread-safe.
 */
public final class SegmentSummarizer {

    /** The default share under which a segment is flagged as small. */
    public static final double DEFAULT_SMALL_SHARE = 0.10;

    private final double smallShare;

    /** A summarizer that flags segments under 10% of the customers. */
    public SegmentSummarizer() {
        this(DEFAULT_SMALL_SHARE);
    }

    /** @param smallShare the share (0 to 1) under which a segment is flagged as small */
    public SegmentSummarizer(double smallShare) {
        if (!(smallShare >= 0 && smallShare <= 1)) {
            throw new IllegalArgumentException("smallShare must be between 0 and 1");
        }
        this.smallShare = smallShare;
    }

    /**
     * @param customers every customer's segment and features
     * @return the summary of the segments that hold at least one customer
     */
    public SegmentationSummary summarize(Collection<SegmentedCustomer> customers) {
        return summarize(customers, List.of());
    }

    /**
     * @param customers every customer's segment and features
     * @param knownSegments segments to list even when they hold no customer (e.g. {@link RfmSegmenter#segments()})
     * @return the summary
     */
    public SegmentationSummary summarize(Collection<SegmentedCustomer> customers, Collection<Segment> knownSegments) {
        Map<Segment, List<SegmentFeatures>> bySegment = new LinkedHashMap<>();
        for (Segment s : knownSegments) {
            bySegment.put(s, new ArrayList<>());
        }
        for (SegmentedCustomer c : customers) {
            bySegment.computeIfAbsent(c.segment(), s -> new ArrayList<>()).add(c.features());
        }
        int total = customers.size();
        List<SegmentSummary> summaries = new ArrayList<>(bySegment.size());
        for (Map.Entry<Segment, List<SegmentFeatures>> e : bySegment.entrySet()) {
            summaries.add(summarizeSegment(e.getKey(), e.getValue(), total));
        }
        summaries.sort(Comparator.comparingInt(SegmentSummary::size).reversed()
                .thenComparing(s -> s.segment().id())
                .thenComparing(s -> s.segment().strategy())
                .thenComparing(s -> s.segment().modelVersion())
                .thenComparing(s -> s.segment().label()));
        return new SegmentationSummary(total, smallShare, summaries);
    }

    /**
     * Assigns every customer with {@code assigner}, then summarizes.
     *
     * @param population the customers' features
     * @param assigner the strategy
     * @return the summary
     */
    public SegmentationSummary assignAndSummarize(Collection<SegmentFeatures> population, SegmentAssigner assigner) {
        List<SegmentedCustomer> customers = new ArrayList<>(population.size());
        for (SegmentFeatures f : population) {
            customers.add(new SegmentedCustomer(assigner.assign(f), f));
        }
        return summarize(customers);
    }

    private SegmentSummary summarizeSegment(Segment segment, List<SegmentFeatures> members, int total) {
        int size = members.size();
        double share = total == 0 ? 0 : (double) size / total;
        boolean small = share < smallShare;
        String warning = null;
        if (small) {
            warning = size == 0
                    ? "holds no customers"
                    : String.format(Locale.ROOT, "holds %.1f%% of customers, under %.0f%%: too small to target alone",
                            share * 100, smallShare * 100);
        }
        return new SegmentSummary(segment, size, share,
                describe(members, f -> f.recencyDays() == null ? null : f.recencyDays().doubleValue()),
                describe(members, f -> (double) f.frequency()),
                describe(members, f -> f.monetary().doubleValue()),
                describe(members,
                        f -> f.daysSinceLastActivity() == null ? null : f.daysSinceLastActivity().doubleValue()),
                describe(members, f -> f.accountAgeDays() == null ? null : f.accountAgeDays().doubleValue()),
                small, warning);
    }

    /** Mean and median of the non-null values of one feature. */
    static FeatureSummary describe(List<SegmentFeatures> members, Function<SegmentFeatures, Double> feature) {
        double[] values = new double[members.size()];
        int n = 0;
        for (SegmentFeatures f : members) {
            Double v = feature.apply(f);
            if (v != null) {
                values[n++] = v;
            }
        }
        if (n == 0) {
            return FeatureSummary.EMPTY;
        }
        values = Arrays.copyOf(values, n);
        Arrays.sort(values);
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        double median = n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
        return new FeatureSummary(n, sum / n, median);
    }
}
