package dev.cpo.experiment.assignment;

import java.util.List;
import java.util.Objects;

/**
 * Stateless, order-independent allocation: SHA-256 of {@code experimentId + ":" + seed + ":" + customerId} is mapped
 * to a number u uniform in [0, 1), and u to the first arm (in design order) whose cumulative weight share exceeds u.
 * The same customer gets the same arm in every instance and JVM; arm shares match the weights in expectation only
 * (no stratification: the stratum is ignored). Thread-safe.
 */
public final class SaltedHashAllocator implements ArmAllocator {

    private final ExperimentDesign design;
    private final double[] cumulative;

    /**
     * @param design the design (its strategy is not checked, so a hash allocator can serve any design)
     */
    public SaltedHashAllocator(ExperimentDesign design) {
        this.design = Objects.requireNonNull(design, "design");
        List<Arm> arms = design.arms();
        cumulative = new double[arms.size()];
        double total = design.totalWeight();
        long running = 0;
        for (int i = 0; i < arms.size(); i++) {
            running += arms.get(i).weight();
            cumulative[i] = running / total;
        }
        cumulative[arms.size() - 1] = 1.0;
    }

    @Override
    public Arm allocate(String customerId, String stratum) {
        double u = unit(customerId);
        for (int i = 0; i < cumulative.length; i++) {
            if (u < cumulative[i]) {
                return design.arms().get(i);
            }
        }
        return design.arms().get(cumulative.length - 1);
    }

    /**
     * @param customerId the customer (required)
     * @return the customer's uniform number in [0, 1)
     */
    public double unit(String customerId) {
        if (customerId == null || customerId.isBlank()) {
            throw new IllegalArgumentException("customerId must not be blank");
        }
        return Hashing.unit(design.experimentId() + ":" + design.seed() + ":" + customerId);
    }

    @Override
    public ExperimentDesign design() {
        return design;
    }
}
