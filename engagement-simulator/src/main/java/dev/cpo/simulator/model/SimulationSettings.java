package dev.cpo.simulator.model;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything the simulation depends on. Two simulators with equal settings produce identical events for identical
 * assignments.
 *
 * @param seed the seed every random draw derives from
 * @param baseline the funnel rates of a customer who got the control message
 * @param segmentBaselines per segment id, rates replacing {@code baseline} for that segment's customers
 * @param uplift where each tone's relative uplift is drawn from
 * @param noise standard deviation of the relative jitter of each arm's rates, per experiment, segment and arm
 * @param meanOrderValue mean revenue of a conversion, above 0
 * @param revenueSigma sigma of the log-normal revenue, at least 0
 * @param deliveredRate share of sent messages that are delivered (the others bounce), in [0, 1]
 * @param maxAssignmentAge an assignment older than this (by the clock) is not sent
 * @param experiments the experiment ids to simulate; empty means all
 */
public record SimulationSettings(long seed, Rates baseline, Map<String, Rates> segmentBaselines, UpliftPrior uplift,
        double noise, BigDecimal meanOrderValue, double revenueSigma, double deliveredRate,
        Duration maxAssignmentAge, Set<String> experiments) {

    /** The default seed. */
    public static final long DEFAULT_SEED = 42;
    /** The default baseline: 25 % open, 5 % click, 1 % conversion, as shares of delivered customers. */
    public static final Rates DEFAULT_BASELINE = new Rates(0.25, 0.05, 0.01);

    /** Checks every value and copies the collections. */
    public SimulationSettings {
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(uplift, "uplift");
        Objects.requireNonNull(meanOrderValue, "meanOrderValue");
        Objects.requireNonNull(maxAssignmentAge, "maxAssignmentAge");
        segmentBaselines = Map.copyOf(new LinkedHashMap<>(segmentBaselines));
        experiments = Set.copyOf(new LinkedHashSet<>(experiments));
        if (!(noise >= 0) || !Double.isFinite(noise)) {
            throw new IllegalArgumentException("noise must be a finite number ≥ 0, was " + noise);
        }
        if (meanOrderValue.signum() <= 0) {
            throw new IllegalArgumentException("meanOrderValue must be above 0, was " + meanOrderValue);
        }
        if (!(revenueSigma >= 0) || !Double.isFinite(revenueSigma)) {
            throw new IllegalArgumentException("revenueSigma must be a finite number ≥ 0, was " + revenueSigma);
        }
        Rates.probability("deliveredRate", deliveredRate);
        if (maxAssignmentAge.isNegative() || maxAssignmentAge.isZero()) {
            throw new IllegalArgumentException("maxAssignmentAge must be positive, was " + maxAssignmentAge);
        }
    }

    /** @return the defaults (seed 42, see each constant and {@link Builder}) */
    public static SimulationSettings defaults() {
        return builder().build();
    }

    /** @return a builder starting from the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder starting from these settings */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.seed = seed;
        builder.baseline = baseline;
        builder.segmentBaselines.putAll(segmentBaselines);
        builder.uplift = uplift;
        builder.noise = noise;
        builder.meanOrderValue = meanOrderValue;
        builder.revenueSigma = revenueSigma;
        builder.deliveredRate = deliveredRate;
        builder.maxAssignmentAge = maxAssignmentAge;
        builder.experiments.addAll(experiments);
        return builder;
    }

    /**
     * @param segmentId a segment id
     * @return the segment's own baseline, or the global one
     */
    public Rates baselineOf(String segmentId) {
        return segmentBaselines.getOrDefault(segmentId, baseline);
    }

    /** Builds settings from the defaults. */
    public static final class Builder {

        private long seed = DEFAULT_SEED;
        private Rates baseline = DEFAULT_BASELINE;
        private final Map<String, Rates> segmentBaselines = new LinkedHashMap<>();
        private UpliftPrior uplift = UpliftPrior.DEFAULT;
        private double noise = 0.05;
        private BigDecimal meanOrderValue = new BigDecimal("60.00");
        private double revenueSigma = 0.5;
        private double deliveredRate = 0.98;
        private Duration maxAssignmentAge = Duration.ofDays(7);
        private final Set<String> experiments = new LinkedHashSet<>();

        private Builder() {
        }

        /** @param value the seed (default 42) @return this */
        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /** @param value the baseline (default 25 % / 5 % / 1 %) @return this */
        public Builder baseline(Rates value) {
            this.baseline = value;
            return this;
        }

        /** @param segmentId a segment @param rates its baseline @return this */
        public Builder segmentBaseline(String segmentId, Rates rates) {
            segmentBaselines.put(segmentId, rates);
            return this;
        }

        /** @param value the uplift prior (default Normal(0.15, 0.05) in [0.05, 0.30]) @return this */
        public Builder uplift(UpliftPrior value) {
            this.uplift = value;
            return this;
        }

        /** @param value the relative jitter's sd (default 0.05) @return this */
        public Builder noise(double value) {
            this.noise = value;
            return this;
        }

        /** @param value the mean order value (default 60.00) @return this */
        public Builder meanOrderValue(BigDecimal value) {
            this.meanOrderValue = value;
            return this;
        }

        /** @param value the log-normal sigma of revenue (default 0.5) @return this */
        public Builder revenueSigma(double value) {
            this.revenueSigma = value;
            return this;
        }

        /** @param value the delivered share (default 0.98) @return this */
        public Builder deliveredRate(double value) {
            this.deliveredRate = value;
            return this;
        }

        /** @param value the maximum assignment age (default 7 days) @return this */
        public Builder maxAssignmentAge(Duration value) {
            this.maxAssignmentAge = value;
            return this;
        }

        /** @param ids experiments to simulate (default: all) @return this */
        public Builder experiments(Set<String> ids) {
            experiments.clear();
            experiments.addAll(ids);
            return this;
        }

        /** @return the settings */
        public SimulationSettings build() {
            return new SimulationSettings(seed, baseline, segmentBaselines, uplift, noise, meanOrderValue,
                    revenueSigma, deliveredRate, maxAssignmentAge, experiments);
        }
    }
}
