package dev.cpo.experiment.assignment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.cpo.events.Tone;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SaltedHashAllocatorTest {

    private static final int N = 100_000;

    private final ExperimentDesign equal = ExperimentDesign.defaultDesign("exp-1", 42, AllocationStrategy.SALTED_HASH);
    private final ExperimentDesign unequal = new ExperimentDesign("exp-2", List.of(Arm.control("control", 2),
            Arm.treatment("urgent", Tone.URGENT, 1), Arm.treatment("friendly", Tone.FRIENDLY, 1)), 42,
            AllocationStrategy.SALTED_HASH);

    @Test
    void sameCustomerSameArmAcrossInstances() {
        for (int i = 0; i < 1000; i++) {
            String customer = "c-" + i;
            Arm first = new SaltedHashAllocator(equal).allocate(customer, "seg-a");
            assertThat(new SaltedHashAllocator(equal).allocate(customer, "seg-b")).isEqualTo(first);
            assertThat(new SaltedHashAllocator(equal).allocate(customer, null)).isEqualTo(first);
        }
    }

    @Test
    void equalWeightsSharesWithinOnePointFive() {
        assertShares(equal);
    }

    @Test
    void unequalWeightsSharesWithinOnePointFive() {
        assertShares(unequal);
    }

    @Test
    void differentSeedsGiveDifferentAssignments() {
        SaltedHashAllocator a = new SaltedHashAllocator(equal);
        SaltedHashAllocator b = new SaltedHashAllocator(
                new ExperimentDesign("exp-1", equal.arms(), 43, AllocationStrategy.SALTED_HASH));
        int differ = 0;
        for (int i = 0; i < 10_000; i++) {
            if (!a.allocate("c-" + i, "s").equals(b.allocate("c-" + i, "s"))) {
                differ++;
            }
        }
        // independent draws over four equal arms differ 75% of the time
        assertThat(differ / 10_000.0).isCloseTo(0.75, within(0.03));
    }

    @Test
    void differentExperimentsGiveDifferentAssignments() {
        SaltedHashAllocator a = new SaltedHashAllocator(equal);
        SaltedHashAllocator b = new SaltedHashAllocator(ExperimentDesign.defaultDesign("exp-other", 42,
                AllocationStrategy.SALTED_HASH));
        long differ = java.util.stream.IntStream.range(0, 10_000)
                .filter(i -> !a.allocate("c-" + i, "s").equals(b.allocate("c-" + i, "s"))).count();
        assertThat(differ / 10_000.0).isCloseTo(0.75, within(0.03));
    }

    @Test
    void independentOfCallOrder() {
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            customers.add("c-" + i);
        }
        SaltedHashAllocator forward = new SaltedHashAllocator(equal);
        Map<String, Arm> expected = new HashMap<>();
        customers.forEach(c -> expected.put(c, forward.allocate(c, "s")));

        Collections.shuffle(customers, new Random(1));
        SaltedHashAllocator shuffled = new SaltedHashAllocator(equal);
        for (String c : customers) {
            assertThat(shuffled.allocate(c, "s")).isEqualTo(expected.get(c));
        }
    }

    @Test
    void unitIsInHalfOpenInterval() {
        SaltedHashAllocator allocator = new SaltedHashAllocator(equal);
        for (int i = 0; i < 10_000; i++) {
            assertThat(allocator.unit("c-" + i)).isGreaterThanOrEqualTo(0).isLessThan(1);
        }
    }

    private static void assertShares(ExperimentDesign design) {
        SaltedHashAllocator allocator = new SaltedHashAllocator(design);
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < N; i++) {
            counts.merge(allocator.allocate("customer-" + i, "s").name(), 1, Integer::sum);
        }
        for (Arm arm : design.arms()) {
            assertThat(counts.getOrDefault(arm.name(), 0) / (double) N).as(arm.name())
                    .isCloseTo(design.targetShare(arm), within(0.015));
        }
    }
}
