package dev.cpo.experiment.stats;

/** The hypothesis test that produced a comparison's p-value. */
public enum TestKind {
    /** Pearson chi-square test of the 2x2 table, no continuity correction (identical to the pooled two-proportion z-test). */
    CHI_SQUARE,
    /** Fisher's exact test, two-sided; used when any expected count of the 2x2 table is below 5. */
    FISHER_EXACT,
    /** Welch's unequal-variance t-test on revenue per customer. */
    WELCH_T
}
