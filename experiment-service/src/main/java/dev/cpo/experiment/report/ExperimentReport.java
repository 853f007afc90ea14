package dev.cpo.experiment.report;

import dev.cpo.experiment.assignment.BalanceReport;
import dev.cpo.experiment.definition.ExperimentSource;
import dev.cpo.experiment.definition.ExperimentStatus;
import dev.cpo.experiment.stats.ExperimentMetrics;
import dev.cpo.experiment.stats.Metric;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Every figure of one experiment at one moment, computed from the aggregate cells only. Serialises to the JSON of
 * {@code GET /experiments/{id}/metrics} and of the {@code experiment-metrics} snapshots.
 *
 * @param experimentId the experiment
 * @param name its name
 * @param source live or historical
 * @param status at {@code computedAt}
 * @param startAt start
 * @param stopAt stop, or null
 * @param computedAt when the figures were computed
 * @param primaryMetric the metric that names the best arm
 * @param totals counts over all arms
 * @param analysis per-arm figures, comparisons with the control (adjusted p-values), SRM and the best arm
 * @param arms per-arm delivery and data-quality counts, by arm name (in design order)
 * @param balance share per arm against target, strata below the minimum, SRM per segment
 * @param power the plan (required n per arm) and what the current n can detect
 * @param bestArmBySegment the best arm of each segment on the primary metric
 */
public record ExperimentReport(String experimentId, String name, ExperimentSource source, ExperimentStatus status,
        Instant startAt, Instant stopAt, Instant computedAt, Metric primaryMetric, Totals totals,
        ExperimentMetrics.Report analysis, Map<String, ArmCounts> arms, BalanceReport balance, Power power,
        Map<String, String> bestArmBySegment) {

    /**
     * @param assigned customers assigned
     * @param delivered customers with a delivery
     * @param engagementEvents engagement events applied
     * @param impliedOpens opens implied by the funnel rule
     * @param impliedClicks clicks implied by the funnel rule
     * @param unassignedEngaged customers with engagement but no assignment seen (yet); not in any rate
     * @param segments segments with at least one customer
     */
    public record Totals(long assigned, long delivered, long engagementEvents, long impliedOpens, long impliedClicks,
            long unassignedEngaged, int segments) {
    }

    /**
     * @param delivered customers with a delivery
     * @param deliveryRate delivered / assigned, null when nobody is assigned
     * @param impliedOpens opens implied by the funnel rule
     * @param impliedClicks clicks implied by the funnel rule
     * @param unassignedEngaged engaged customers without an assignment
     */
    public record ArmCounts(long delivered, Double deliveryRate, long impliedOpens, long impliedClicks,
            long unassignedEngaged) {
    }

    /**
     * @param metric the primary metric
     * @param baselineRate the control rate used: observed when the control has data, else the planned one
     * @param baselineObserved whether {@code baselineRate} was observed
     * @param minimumDetectableEffect the planned relative lift
     * @param alpha the significance level
     * @param power the planned power
     * @param requiredPerArm customers per arm needed to detect the planned lift (null for revenue)
     * @param smallestArmN the smallest arm's n now
     * @param detectableAbsoluteEffect the smallest absolute lift the current n can detect (null when none)
     * @param detectableRelativeEffect the same, relative to the baseline (null when none)
     * @param enoughData whether every arm has reached {@code requiredPerArm}
     */
    public record Power(Metric metric, Double baselineRate, boolean baselineObserved, double minimumDetectableEffect,
            double alpha, double power, Long requiredPerArm, long smallestArmN, Double detectableAbsoluteEffect,
            Double detectableRelativeEffect, boolean enoughData) {
    }

    /**
     * One segment's (or one dimension value's) full analysis.
     *
     * @param segment the segment id, or {@code dimension=value}
     * @param analysis the same statistics as the whole experiment, adjusted within the segment
     * @param bestArm the best arm on the primary metric
     */
    public record SegmentAnalysis(String segment, ExperimentMetrics.Report analysis, String bestArm) {
    }

    /**
     * @param experimentId the experiment
     * @param dimension the dimension grouped by; null for plain segments
     * @param segments one analysis per segment (or dimension value), sorted by id
     */
    public record Segments(String experimentId, String dimension, List<SegmentAnalysis> segments) {
    }
}
