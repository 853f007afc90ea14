package dev.cpo.experiment.assignment;

import dev.cpo.events.Tone;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An A/B/n experiment: its arms, the seed of every random choice and the allocation strategy.
 *
 * <p>Rules (each violation is an {@link IllegalArgumentException} with a message naming the rule): a non-blank
 * experiment id; at least two arms; exactly one control arm; arm names unique; weights positive (checked by
 * {@link Arm}); no two treatment arms with the same tone (the tone is how a treatment finds its variant); the sum of
 * weights at most {@value #MAX_TOTAL_WEIGHT} (it is the permuted block size).
 *
 * @param experimentId the experiment's id (required)
 * @param arms the arms, in a fixed order (the order maps hash values and block slots to arms)
 * @param seed the seed of the hash salt and of the block permutations
 * @param strategy how customers are allocated (required)
 */
public record ExperimentDesign(String experimentId, List<Arm> arms, long seed, AllocationStrategy strategy) {

    /** Upper bound on the sum of weights. */
    public static final int MAX_TOTAL_WEIGHT = 10_000;

    /** Checks the rules above; copies the arm list. */
    public ExperimentDesign {
        if (experimentId == null || experimentId.isBlank()) {
            throw new IllegalArgumentException("experimentId must not be blank");
        }
        if (strategy == null) {
            throw new IllegalArgumentException("strategy is required");
        }
        if (arms == null || arms.size() < 2) {
            throw new IllegalArgumentException("a design needs at least two arms (one control and a treatment)");
        }
        if (arms.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("arms must not contain null");
        }
        long controls = arms.stream().filter(Arm::isControl).count();
        if (controls != 1) {
            throw new IllegalArgumentException("a design needs exactly one control arm, found " + controls);
        }
        Set<String> names = new HashSet<>();
        Set<Tone> tones = EnumSet.noneOf(Tone.class);
        long total = 0;
        for (Arm arm : arms) {
            if (!names.add(arm.name())) {
                throw new IllegalArgumentException("duplicate arm name '" + arm.name() + "'");
            }
            if (!arm.isControl() && arm.tone() != null && !tones.add(arm.tone())) {
                throw new IllegalArgumentException("two treatment arms share the tone " + arm.tone().wireName());
            }
            if (arm.weight() <= 0) {
                throw new IllegalArgumentException("arm '" + arm.name() + "': weight must be positive");
            }
            total += arm.weight();
        }
        if (total > MAX_TOTAL_WEIGHT) {
            throw new IllegalArgumentException("the sum of weights must be at most " + MAX_TOTAL_WEIGHT);
        }
        arms = List.copyOf(arms);
    }

    /**
     * The default design: "control" plus the treatments "urgent", "informational" and "friendly" (one per tone),
     * equal weights of 1.
     *
     * @param experimentId the experiment's id
     * @param seed the seed
     * @param strategy the allocation strategy
     * @return the design
     */
    public static ExperimentDesign defaultDesign(String experimentId, long seed, AllocationStrategy strategy) {
        List<Arm> arms = new ArrayList<>();
        arms.add(Arm.control("control", 1));
        for (Tone tone : Tone.values()) {
            arms.add(Arm.treatment(tone.wireName(), tone, 1));
        }
        return new ExperimentDesign(experimentId, arms, seed, strategy);
    }

    /**
     * @return the sum of the arms' weights
     */
    public int totalWeight() {
        int total = 0;
        for (Arm arm : arms) {
            total += arm.weight();
        }
        return total;
    }

    /**
     * @param arm one of this design's arms
     * @return its target share, {@code weight / totalWeight}
     */
    public double targetShare(Arm arm) {
        return (double) arm.weight() / totalWeight();
    }

    /**
     * @return the control arm
     */
    public Arm control() {
        return arms.stream().filter(Arm::isControl).findFirst().orElseThrow();
    }

    /**
     * @param name an arm's name
     * @return the arm
     * @throws IllegalArgumentException if the design has no arm of that name
     */
    public Arm arm(String name) {
        for (Arm arm : arms) {
            if (arm.name().equals(name)) {
                return arm;
            }
        }
        throw new IllegalArgumentException("experiment " + experimentId + " has no arm '" + name + "'");
    }

    /**
     * @return a fresh allocator for the design's strategy (a permuted block allocator starts with empty counters;
     *         use {@link PermutedBlockAllocator#PermutedBlockAllocator(ExperimentDesign, java.util.Map)} to restore)
     */
    public ArmAllocator newAllocator() {
        return strategy == AllocationStrategy.SALTED_HASH
                ? new SaltedHashAllocator(this)
                : new PermutedBlockAllocator(this);
    }
}
