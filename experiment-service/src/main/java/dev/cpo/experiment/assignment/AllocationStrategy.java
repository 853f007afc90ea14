package dev.cpo.experiment.assignment;

/** How new customers are allocated to arms. */
public enum AllocationStrategy {
    /**
     * Stratified permuted blocks ({@link PermutedBlockAllocator}): exact balance within each stratum, stateful
     * (a per-stratum counter that the service persists).
     */
    PERMUTED_BLOCKS,
    /**
     * A salted hash of the customer id ({@link SaltedHashAllocator}): stateless and order-independent, balanced only
     * in expectation.
     */
    SALTED_HASH
}
