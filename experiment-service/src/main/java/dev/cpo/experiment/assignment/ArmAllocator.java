package dev.cpo.experiment.assignment;

/**
 * Allocates a new customer to an experiment arm.
 *
 * <p><b>Stickiness is the caller's job.</b> {@link #allocate} must be called exactly once per new customer of an
 * experiment, and its result stored (a unique constraint on experiment + customer, looked up before allocating).
 * Calling it again for a known customer is wrong: a {@link PermutedBlockAllocator} would consume another slot of the
 * customer's stratum and skew the balance; a {@link SaltedHashAllocator} would return the same arm but should still
 * not be relied on for stickiness (a design change would move customers).
 */
public interface ArmAllocator {

    /**
     * @param customerId the customer (required)
     * @param stratum the customer's segment id; the unit of balance for stratified strategies (required for
     *        {@link PermutedBlockAllocator}, ignored by {@link SaltedHashAllocator})
     * @return the customer's arm, one of the design's arms
     */
    Arm allocate(String customerId, String stratum);

    /**
     * @return the design this allocator serves
     */
    ExperimentDesign design();
}
