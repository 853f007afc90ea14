package dev.cpo.experiment.assignment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cpo.events.Tone;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class PermutedBlockAllocatorTest {

    private static final List<String> STRATA = List.of("seg-a", "seg-b", "seg-c", "seg-d", "seg-e");

    private final ExperimentDesign equal = ExperimentDesign.defaultDesign("exp-1", 42,
            AllocationStrategy.PERMUTED_BLOCKS);
    private final ExperimentDesign twoOneOne = new ExperimentDesign("exp-2", List.of(Arm.control("control", 2),
            Arm.treatment("urgent", Tone.URGENT, 1), Arm.treatment("friendly", Tone.FRIENDLY, 1)), 42,
            AllocationStrategy.PERMUTED_BLOCKS);

    @Test
    void balanceWithinOneBlockAfterEveryPrefix() {
        assertBalancedThroughout(new PermutedBlockAllocator(equal), 4);
        assertBalancedThroughout(new PermutedBlockAllocator(twoOneOne), 4);
        assertBalancedThroughout(new PermutedBlockAllocator(equal, 3, Map.of()), 12);
    }

    @Test
    void unequalWeightsExactPerCompletedBlock() {
        PermutedBlockAllocator allocator = new PermutedBlockAllocator(twoOneOne);
        assertThat(allocator.blockSize()).isEqualTo(4);
        for (int block = 0; block < 500; block++) {
            Map<String, Integer> counts = new HashMap<>();
            for (int slot = 0; slot < 4; slot++) {
                counts.merge(allocator.allocate("c-" + block + "-" + slot, "seg-a").name(), 1, Integer::sum);
            }
            assertThat(counts).containsEntry("control", 2).containsEntry("urgent", 1).containsEntry("friendly", 1);
        }
    }

    @Test
    void reproducibleWithSameSeedAndOrder() {
        List<String> strata = randomStrata(2000, 7);
        assertThat(run(new PermutedBlockAllocator(equal), strata))
                .isEqualTo(run(new PermutedBlockAllocator(equal), strata));

        ExperimentDesign otherSeed = new ExperimentDesign("exp-1", equal.arms(), 43,
                AllocationStrategy.PERMUTED_BLOCKS);
        assertThat(run(new PermutedBlockAllocator(otherSeed), strata))
                .isNotEqualTo(run(new PermutedBlockAllocator(equal), strata));
    }

    @Test
    void restoringCountersContinuesTheSameSequence() {
        List<String> strata = randomStrata(3000, 11);
        PermutedBlockAllocator whole = new PermutedBlockAllocator(equal);
        List<String> uninterrupted = run(whole, strata);

        PermutedBlockAllocator first = new PermutedBlockAllocator(equal);
        List<String> before = run(first, strata.subList(0, 1234));
        Map<String, Long> saved = first.counters();
        assertThat(saved.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(1234);
        saved.forEach((stratum, count) -> assertThat(first.assignedIn(stratum)).isEqualTo(count));

        PermutedBlockAllocator restored = new PermutedBlockAllocator(equal, saved);
        List<String> after = run(restored, strata.subList(1234, strata.size()));

        List<String> combined = new ArrayList<>(before);
        combined.addAll(after);
        assertThat(combined).isEqualTo(uninterrupted);
        assertThat(restored.counters()).isEqualTo(whole.counters());
        assertThat(restored.assignedIn("never-seen")).isZero();
    }

    @Test
    void differentStrataGetDifferentPermutations() {
        PermutedBlockAllocator allocator = new PermutedBlockAllocator(equal);
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            a.add(allocator.allocate("a-" + i, "seg-a").name());
            b.add(allocator.allocate("b-" + i, "seg-b").name());
        }
        assertThat(a).isNotEqualTo(b);
        // blocks are shuffled: not every block of a stratum is in the same order
        assertThat(new java.util.HashSet<>(List.of(a.subList(0, 4), a.subList(4, 8), a.subList(8, 12),
                a.subList(12, 16), a.subList(16, 20), a.subList(20, 24)))).hasSizeGreaterThan(1);
    }

    @Test
    void threadSafeCountsStayExact() throws Exception {
        PermutedBlockAllocator allocator = new PermutedBlockAllocator(equal);
        Map<String, java.util.concurrent.atomic.AtomicLong> counts = new java.util.concurrent.ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 1000; i++) {
                        String stratum = STRATA.get(i % 2);
                        Arm arm = allocator.allocate("t" + thread + "-" + i, stratum);
                        counts.computeIfAbsent(stratum + "/" + arm.name(),
                                k -> new java.util.concurrent.atomic.AtomicLong()).incrementAndGet();
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(allocator.assignedIn(STRATA.get(0))).isEqualTo(4000);
        assertThat(allocator.assignedIn(STRATA.get(1))).isEqualTo(4000);
        // 4000 per stratum is a whole number of blocks: every arm has exactly a quarter
        assertThat(counts).hasSize(8);
        assertThat(counts.values()).allSatisfy(c -> assertThat(c.get()).isEqualTo(1000));
    }

    @Test
    void rejectsBadInput() {
        PermutedBlockAllocator allocator = new PermutedBlockAllocator(equal);
        assertThatThrownBy(() -> allocator.allocate("c", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stratum");
        assertThatThrownBy(() -> allocator.allocate(" ", "s")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PermutedBlockAllocator(equal, 0, Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PermutedBlockAllocator(equal, Map.of("s", -1L)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertBalancedThroughout(PermutedBlockAllocator allocator, int blockSize) {
        assertThat(allocator.blockSize()).isEqualTo(blockSize);
        ExperimentDesign design = allocator.design();
        int total = design.totalWeight();
        Map<String, Map<String, Long>> counts = new HashMap<>();
        Random random = new Random(3);
        for (int i = 0; i < 10_000; i++) {
            String stratum = STRATA.get(random.nextInt(STRATA.size()));
            Arm arm = allocator.allocate("c-" + i, stratum);
            counts.computeIfAbsent(stratum, s -> new HashMap<>()).merge(arm.name(), 1L, Long::sum);

            long n = allocator.assignedIn(stratum);
            long fullBlocks = n / blockSize;
            long startedBlocks = (n + blockSize - 1) / blockSize;
            for (Arm a : design.arms()) {
                long count = counts.get(stratum).getOrDefault(a.name(), 0L);
                long perBlock = (long) a.weight() * blockSize / total;
                double target = n * (double) a.weight() / total;
                assertThat(Math.abs(count - target)).as("stratum %s arm %s after %d", stratum, a.name(), n)
                        .isLessThanOrEqualTo(blockSize);
                assertThat(count).isBetween(fullBlocks * perBlock, startedBlocks * perBlock);
            }
        }
        assertThat(allocator.counters().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(10_000);
    }

    private static List<String> randomStrata(int n, long seed) {
        Random random = new Random(seed);
        List<String> strata = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            strata.add(STRATA.get(random.nextInt(STRATA.size())));
        }
        return strata;
    }

    private static List<String> run(PermutedBlockAllocator allocator, List<String> strata) {
        List<String> arms = new ArrayList<>();
        for (int i = 0; i < strata.size(); i++) {
            arms.add(allocator.allocate("c-" + i, strata.get(i)).name());
        }
        return arms;
    }
}
