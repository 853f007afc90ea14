package dev.cpo.experiment.definition;

import dev.cpo.experiment.assignment.Arm;
import dev.cpo.experiment.assignment.ContactPolicy;
import dev.cpo.experiment.assignment.ControlMessage;
import dev.cpo.experiment.assignment.ExperimentDesign;
import dev.cpo.experiment.stats.Metric;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything that defines an experiment: who is in it (the design: arms, weights, seed, strategy), what the control
 * arm is sent, how it is judged (metrics, alpha, power, minimum detectable effect) and when it runs.
 *
 * <p>Rules (each violation is an {@link IllegalArgumentException} naming the field): the design's own rules; a live
 * experiment's treatments each have a tone; at least one metric, the primary one among them; alpha in (0, 0.5];
 * power in (0.5, 1); minimum detectable effect (relative, e.g. 0.10 for +10 %) in (0, 10]; baseline rate of the
 * primary metric in (0, 1) for a rate metric; stop after start.
 *
 * @param design the arms, weights, seed and allocation strategy; its id is the experiment's id
 * @param name a human-readable name (defaults to the id)
 * @param source live (assigned here) or historical (imported)
 * @param controlMessage what the control arm is sent, and every treatment customer whose variant cannot be sent
 * @param metrics the metrics analysed
 * @param primaryMetric the metric that names the best arm and sizes the experiment
 * @param alpha the significance level (family-wise, Holm)
 * @param power the power the sample size is planned for
 * @param minimumDetectableEffect the smallest relative lift of the primary metric worth detecting
 * @param baselineRate the expected control rate of the primary metric, for planning before data arrives
 * @param startAt when assignment starts (required)
 * @param stopAt when assignment stops; null for open-ended
 * @param contactPolicy consent, frequency cap and inactivity rule, checked before assignment
 */
public record ExperimentDefinition(ExperimentDesign design, String name, ExperimentSource source,
        ControlMessage controlMessage, Set<Metric> metrics, Metric primaryMetric, double alpha, double power,
        double minimumDetectableEffect, double baselineRate, Instant startAt, Instant stopAt,
        ContactPolicy contactPolicy) {

    /** Checks the rules above; copies the metric set. */
    public ExperimentDefinition {
        Objects.requireNonNull(design, "design");
        if (name == null || name.isBlank()) {
            name = design.experimentId();
        }
        if (source == null) {
            throw new IllegalArgumentException("source is required");
        }
        if (controlMessage == null) {
            throw new IllegalArgumentException("controlMessage is required");
        }
        if (source == ExperimentSource.LIVE) {
            for (Arm arm : design.arms()) {
                if (!arm.isControl() && arm.tone() == null) {
                    throw new IllegalArgumentException(
                            "arm '" + arm.name() + "': a treatment of a live experiment needs a tone");
                }
            }
        }
        if (metrics == null || metrics.isEmpty()) {
            throw new IllegalArgumentException("metrics: at least one metric is required");
        }
        metrics = Set.copyOf(EnumSet.copyOf(metrics));
        if (primaryMetric == null || !metrics.contains(primaryMetric)) {
            throw new IllegalArgumentException("primaryMetric must be one of the metrics");
        }
        if (!(alpha > 0 && alpha <= 0.5)) {
            throw new IllegalArgumentException("alpha must be in (0, 0.5]");
        }
        if (!(power > 0.5 && power < 1)) {
            throw new IllegalArgumentException("power must be in (0.5, 1)");
        }
        if (!(minimumDetectableEffect > 0 && minimumDetectableEffect <= 10)) {
            throw new IllegalArgumentException("minimumDetectableEffect must be a relative lift in (0, 10]");
        }
        if (primaryMetric.isProportion() && !(baselineRate > 0 && baselineRate < 1)) {
            throw new IllegalArgumentException("baselineRate must be in (0, 1)");
        }
        if (startAt == null) {
            throw new IllegalArgumentException("startAt is required");
        }
        if (stopAt != null && !stopAt.isAfter(startAt)) {
            throw new IllegalArgumentException("stopAt must be after startAt");
        }
        if (contactPolicy == null) {
            throw new IllegalArgumentException("contactPolicy is required");
        }
    }

    /**
     * @return the experiment's id
     */
    public String id() {
        return design.experimentId();
    }

    /**
     * @param now the time to judge at
     * @return scheduled, running or stopped at {@code now}
     */
    public ExperimentStatus statusAt(Instant now) {
        if (now.isBefore(startAt)) {
            return ExperimentStatus.SCHEDULED;
        }
        return stopAt != null && !now.isBefore(stopAt) ? ExperimentStatus.STOPPED : ExperimentStatus.RUNNING;
    }

    /**
     * @return the target weight of every arm, by name, in design order (for the sample-ratio check)
     */
    public Map<String, Double> targetWeights() {
        Map<String, Double> weights = new LinkedHashMap<>();
        for (Arm arm : design.arms()) {
            weights.put(arm.name(), (double) arm.weight());
        }
        return weights;
    }

    /**
     * @param other another definition
     * @return whether the two run at the same time at some instant (open-ended windows never end)
     */
    public boolean overlaps(ExperimentDefinition other) {
        boolean thisEndsBeforeOther = stopAt != null && !stopAt.isAfter(other.startAt);
        boolean otherEndsBeforeThis = other.stopAt != null && !other.stopAt.isAfter(startAt);
        return !thisEndsBeforeOther && !otherEndsBeforeThis;
    }

    /**
     * @param newStop the stop time
     * @return this definition stopping at {@code newStop} (at least a nanosecond after start)
     */
    public ExperimentDefinition stoppedAt(Instant newStop) {
        Instant stop = newStop.isAfter(startAt) ? newStop : startAt.plusNanos(1);
        return new ExperimentDefinition(design, name, source, controlMessage, metrics, primaryMetric, alpha, power,
                minimumDetectableEffect, baselineRate, startAt, stop, contactPolicy);
    }

    /**
     * @return the metrics in their natural order
     */
    public List<Metric> metricList() {
        return List.copyOf(EnumSet.copyOf(metrics));
    }
}
