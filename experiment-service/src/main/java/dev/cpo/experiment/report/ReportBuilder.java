package dev.cpo.experiment.report;

import dev.cpo.experiment.assignment.Arm;
import dev.cpo.experiment.assignment.BalanceReport;
import dev.cpo.experiment.definition.ExperimentDefinition;
import dev.cpo.experiment.ledger.Tally;
import dev.cpo.experiment.ledger.TallyKey;
import dev.cpo.experiment.stats.ExperimentMetrics;
import dev.cpo.experiment.stats.Metric;
import dev.cpo.experiment.stats.PowerAnalysis;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Turns an experiment's aggregate cells into its report. Work is proportional to arms × segments, never to events
 * or customers. Cells of arms the definition does not have are ignored. Pure and thread-safe.
 */
public final class ReportBuilder {

    /**
     * @param definition the experiment
     * @param cells its cells (other experiments' cells are ignored)
     * @param now the time of the report
     * @return the report
     */
    public ExperimentReport build(ExperimentDefinition definition, Map<TallyKey, Tally> cells, Instant now) {
        Map<String, Tally> byArm = new LinkedHashMap<>();
        for (Arm arm : definition.design().arms()) {
            byArm.put(arm.name(), new Tally());
        }
        Map<String, Map<String, Long>> balanceCounts = new TreeMap<>();
        Tally all = new Tally();
        int segments = 0;
        Map<String, Map<String, Tally>> bySegment = bySegment(definition, cells, Function.identity());
        for (Map.Entry<String, Map<String, Tally>> segment : bySegment.entrySet()) {
            Map<String, Long> counts = new LinkedHashMap<>();
            long segmentAssigned = 0;
            for (Map.Entry<String, Tally> arm : segment.getValue().entrySet()) {
                byArm.get(arm.getKey()).add(arm.getValue());
                all.add(arm.getValue());
                counts.put(arm.getKey(), arm.getValue().assigned);
                segmentAssigned += arm.getValue().assigned;
            }
            if (segmentAssigned > 0) {
                balanceCounts.put(segment.getKey(), counts);
                segments++;
            }
        }
        ExperimentMetrics metrics = metrics(definition);
        ExperimentMetrics.Report analysis = metrics.analyze(arms(definition, byArm), definition.targetWeights());
        Map<String, ExperimentReport.ArmCounts> armCounts = new LinkedHashMap<>();
        byArm.forEach((name, t) -> armCounts.put(name, new ExperimentReport.ArmCounts(t.delivered,
                t.assigned == 0 ? null : (double) t.delivered / t.assigned, t.impliedOpens, t.impliedClicks,
                t.orphans)));
        Map<String, String> bestBySegment = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, Tally>> segment : bySegment.entrySet()) {
            bestBySegment.put(segment.getKey(), metrics.bestArm(arms(definition, segment.getValue())));
        }
        return new ExperimentReport(definition.id(), definition.name(), definition.source(),
                definition.statusAt(now), definition.startAt(), definition.stopAt(), now,
                definition.primaryMetric(),
                new ExperimentReport.Totals(all.assigned, all.delivered, all.events, all.impliedOpens,
                        all.impliedClicks, all.orphans, segments),
                analysis, armCounts, BalanceReport.of(definition.design(), balanceCounts),
                power(definition, byArm), bestBySegment);
    }

    /**
     * The per-segment breakdown, or grouped by one dimension of the segment ids.
     *
     * @param definition the experiment
     * @param cells its cells
     * @param dimension null for the segments themselves; else the dimension to group by
     * @param dimensionOf maps a segment id to its value of {@code dimension} (null: the segment has none)
     * @return one analysis per group, sorted
     */
    public ExperimentReport.Segments segments(ExperimentDefinition definition, Map<TallyKey, Tally> cells,
            String dimension, Function<String, String> dimensionOf) {
        Function<String, String> group = dimension == null
                ? Function.identity()
                : segment -> {
                    String value = dimensionOf.apply(segment);
                    return dimension + "=" + (value == null ? "(none)" : value);
                };
        ExperimentMetrics metrics = metrics(definition);
        List<ExperimentReport.SegmentAnalysis> out = new ArrayList<>();
        for (Map.Entry<String, Map<String, Tally>> segment : bySegment(definition, cells, group).entrySet()) {
            List<ExperimentMetrics.Arm> arms = arms(definition, segment.getValue());
            out.add(new ExperimentReport.SegmentAnalysis(segment.getKey(),
                    metrics.analyze(arms, definition.targetWeights()), metrics.bestArm(arms)));
        }
        return new ExperimentReport.Segments(definition.id(), dimension, List.copyOf(out));
    }

    private static Map<String, Map<String, Tally>> bySegment(ExperimentDefinition definition,
            Map<TallyKey, Tally> cells, Function<String, String> group) {
        Map<String, Map<String, Tally>> out = new TreeMap<>();
        for (Map.Entry<TallyKey, Tally> cell : cells.entrySet()) {
            TallyKey key = cell.getKey();
            if (!key.experimentId().equals(definition.id()) || !hasArm(definition, key.arm())) {
                continue;
            }
            Map<String, Tally> arms = out.computeIfAbsent(group.apply(key.segmentId()), s -> {
                Map<String, Tally> m = new LinkedHashMap<>();
                for (Arm arm : definition.design().arms()) {
                    m.put(arm.name(), new Tally());
                }
                return m;
            });
            arms.get(key.arm()).add(cell.getValue());
        }
        return out;
    }

    private static boolean hasArm(ExperimentDefinition definition, String name) {
        for (Arm arm : definition.design().arms()) {
            if (arm.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static ExperimentMetrics metrics(ExperimentDefinition definition) {
        return new ExperimentMetrics(definition.alpha(), definition.metrics(), definition.primaryMetric());
    }

    private static List<ExperimentMetrics.Arm> arms(ExperimentDefinition definition, Map<String, Tally> byArm) {
        List<ExperimentMetrics.Arm> arms = new ArrayList<>();
        for (Arm arm : definition.design().arms()) {
            Tally t = byArm.get(arm.name());
            arms.add(new ExperimentMetrics.Arm(arm.name(), arm.isControl(),
                    (t == null ? new Tally() : t).toArmAggregate()));
        }
        return arms;
    }

    private static ExperimentReport.Power power(ExperimentDefinition definition, Map<String, Tally> byArm) {
        Metric metric = definition.primaryMetric();
        long smallest = Long.MAX_VALUE;
        for (Tally t : byArm.values()) {
            smallest = Math.min(smallest, t.assigned);
        }
        if (!metric.isProportion()) {
            return new ExperimentReport.Power(metric, null, false, definition.minimumDetectableEffect(),
                    definition.alpha(), definition.power(), null, smallest, null, null, false);
        }
        Tally control = byArm.get(definition.design().control().name());
        double observed = control.assigned == 0 ? Double.NaN : control.toArmAggregate().rate(metric);
        boolean useObserved = observed > 0 && observed < 1;
        double baseline = useObserved ? observed : definition.baselineRate();
        // A planned lift that would take the rate to 100 % or beyond cannot be planned for: no required n.
        Long required = baseline * (1 + definition.minimumDetectableEffect()) >= 1
                ? null
                : PowerAnalysis.sampleSizePerArmRelative(baseline, definition.minimumDetectableEffect(),
                        definition.alpha(), definition.power());
        OptionalDouble detectable = PowerAnalysis.minimumDetectableEffect(baseline, smallest, definition.alpha(),
                definition.power());
        Double absolute = detectable.isPresent() ? detectable.getAsDouble() : null;
        return new ExperimentReport.Power(metric, baseline, useObserved, definition.minimumDetectableEffect(),
                definition.alpha(), definition.power(), required, smallest, absolute,
                absolute == null ? null : absolute / baseline, required != null && smallest >= required);
    }
}
