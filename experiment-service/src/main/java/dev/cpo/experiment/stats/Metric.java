package dev.cpo.experiment.stats;

/** The outcome metrics measured per arm. OPEN, CLICK and CONVERSION are per-customer rates; REVENUE is revenue per customer. */
public enum Metric {
    OPEN, CLICK, CONVERSION, REVENUE;

    /** True for the binary (rate) metrics, false for REVENUE (a mean). */
    public boolean isProportion() {
        return this != REVENUE;
    }
}
