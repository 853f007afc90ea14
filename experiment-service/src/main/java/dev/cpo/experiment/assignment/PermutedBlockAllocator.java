package dev.cpo.experiment.assignment;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stratified permuted-block allocation.
 *
 * <p>Within each stratum (segment), new customers fill blocks. A block holds every arm {@code weight * blockMultiple}
 * times, so the block size is {@code sum(weights) * blockMultiple} (4 for the default design of four equal arms and
 * multiple 1). Block number b of a stratum is a Fisher-Yates shuffle by a {@link java.util.Random} (whose algorithm
 * the Java specification fixes) seeded with the SHA-256 of {@code seed + ":" + experimentId + ":" + stratum + ":" + b},
 * so it is reproducible across instances and JVMs; the k-th new customer of a stratum (k counted from 0) gets slot
 * {@code k % blockSize} of block {@code k / blockSize}.
 *
 * <p>Balance: after n customers in a stratum, arm i has between {@code floor(n / blockSize) * w_i * m} and
 * {@code ceil(n / blockSize) * w_i * m} customers, so it is off its target {@code n * w_i / W} by less than one block.
 *
 * <p>State: one counter per stratum ({@link #assignedIn}, {@link #counters}); persist it alongside the assignments
 * (or recount them) and pass it to {@link #PermutedBlockAllocator(ExperimentDesign, int, Map)} to continue the same
 * sequence. Thread-safe: allocations in one stratum are serialised, strata are independent.
 */
public final class PermutedBlockAllocator implements ArmAllocator {

    private final ExperimentDesign design;
    private final int blockMultiple;
    private final int blockSize;
    private final ConcurrentHashMap<String, StratumState> strata = new ConcurrentHashMap<>();

    /**
     * A fresh allocator, block multiple 1, all counters 0.
     *
     * @param design the design
     */
    public PermutedBlockAllocator(ExperimentDesign design) {
        this(design, 1, Map.of());
    }

    /**
     * @param design the design
     * @param counters restored counters: customers already allocated per stratum (a missing stratum is 0)
     */
    public PermutedBlockAllocator(ExperimentDesign design, Map<String, Long> counters) {
        this(design, 1, counters);
    }

    /**
     * @param design the design
     * @param blockMultiple how many times each arm's weight is repeated per block (at least 1); a larger block is
     *        less predictable but balances more loosely
     * @param counters restored counters: customers already allocated per stratum (a missing stratum is 0)
     */
    public PermutedBlockAllocator(ExperimentDesign design, int blockMultiple, Map<String, Long> counters) {
        this.design = Objects.requireNonNull(design, "design");
        if (blockMultiple < 1) {
            throw new IllegalArgumentException("blockMultiple must be at least 1, was " + blockMultiple);
        }
        this.blockMultiple = blockMultiple;
        long size = (long) design.totalWeight() * blockMultiple;
        if (size > ExperimentDesign.MAX_TOTAL_WEIGHT) {
            throw new IllegalArgumentException("block size must be at most " + ExperimentDesign.MAX_TOTAL_WEIGHT);
        }
        this.blockSize = (int) size;
        Objects.requireNonNull(counters, "counters").forEach((stratum, count) -> {
            requireStratum(stratum);
            if (count == null || count < 0) {
                throw new IllegalArgumentException("counter of stratum '" + stratum + "' must be non-negative");
            }
            strata.put(stratum, new StratumState(count));
        });
    }

    @Override
    public Arm allocate(String customerId, String stratum) {
        if (customerId == null || customerId.isBlank()) {
            throw new IllegalArgumentException("customerId must not be blank");
        }
        requireStratum(stratum);
        StratumState state = strata.computeIfAbsent(stratum, s -> new StratumState(0));
        synchronized (state) {
            long k = state.assigned;
            long blockNumber = k / blockSize;
            if (state.block == null || state.blockNumber != blockNumber) {
                state.block = block(stratum, blockNumber);
                state.blockNumber = blockNumber;
            }
            Arm arm = design.arms().get(state.block[(int) (k % blockSize)]);
            state.assigned = k + 1;
            return arm;
        }
    }

    /**
     * The arm of a slot, without touching the counters: a pure function of the design, the stratum and the
     * position. Lets several processes share one allocation sequence whose counter lives elsewhere (a database row).
     *
     * @param stratum the stratum (required)
     * @param position the zero-based allocation number within the stratum
     * @return the arm the {@code position}-th customer of the stratum gets
     */
    public Arm armAt(String stratum, long position) {
        requireStratum(stratum);
        if (position < 0) {
            throw new IllegalArgumentException("position must not be negative");
        }
        return design.arms().get(block(stratum, position / blockSize)[(int) (position % blockSize)]);
    }

    /**
     * @param stratum a stratum
     * @return how many customers of the stratum have been allocated (the counter to persist)
     */
    public long assignedIn(String stratum) {
        StratumState state = strata.get(stratum);
        if (state == null) {
            return 0;
        }
        synchronized (state) {
            return state.assigned;
        }
    }

    /**
     * @return a snapshot of every stratum's counter, sorted by stratum
     */
    public Map<String, Long> counters() {
        Map<String, Long> snapshot = new TreeMap<>();
        strata.forEach((stratum, state) -> {
            synchronized (state) {
                snapshot.put(stratum, state.assigned);
            }
        });
        return snapshot;
    }

    /**
     * @return the number of slots per block: {@code sum(weights) * blockMultiple}
     */
    public int blockSize() {
        return blockSize;
    }

    /**
     * @return how many times each arm's weight is repeated per block
     */
    public int blockMultiple() {
        return blockMultiple;
    }

    @Override
    public ExperimentDesign design() {
        return design;
    }

    /**
     * @param stratum a stratum
     * @param blockNumber a block number, from 0
     * @return the block's arms (indexes into the design's arms), in slot order
     */
    int[] block(String stratum, long blockNumber) {
        List<Arm> arms = design.arms();
        int[] slots = new int[blockSize];
        int next = 0;
        for (int i = 0; i < arms.size(); i++) {
            for (int r = 0; r < arms.get(i).weight() * blockMultiple; r++) {
                slots[next++] = i;
            }
        }
        Random random = new Random(Hashing.sha256Long(
                design.seed() + ":" + design.experimentId() + ":" + stratum + ":" + blockNumber));
        for (int i = slots.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = slots[i];
            slots[i] = slots[j];
            slots[j] = tmp;
        }
        return slots;
    }

    private static void requireStratum(String stratum) {
        if (stratum == null || stratum.isBlank()) {
            throw new IllegalArgumentException("stratum (the customer's segment id) must not be blank");
        }
    }

    private static final class StratumState {
        long assigned;
        long blockNumber = -1;
        int[] block;

        StratumState(long assigned) {
            this.assigned = assigned;
        }
    }
}
