package dev.cpo.generation.cache;

import static dev.cpo.generation.TestContent.AT_RISK;
import static dev.cpo.generation.TestContent.AT_RISK_CONTENT;
import static dev.cpo.generation.TestContent.CHAMPIONS;
import static dev.cpo.generation.TestContent.CHAMPION_CONTENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cpo.events.Variant;
import dev.cpo.generation.generate.DraftCitation;
import dev.cpo.generation.generate.GenerationMeter;
import dev.cpo.generation.generate.GenerationOutcome;
import dev.cpo.generation.generate.GenerationRequest;
import dev.cpo.generation.generate.GenerationUnavailableException;
import dev.cpo.generation.generate.PriceTable;
import dev.cpo.generation.generate.Usage;
import dev.cpo.generation.generate.VariantGenerator;
import dev.cpo.generation.generate.VariantSetComposer;
import dev.cpo.generation.generate.VariantSetKey;
import dev.cpo.generation.generate.VariantValidator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class VariantSetCacheTest {

    private final CountingGenerator generator = new CountingGenerator();
    private final MapStore store = new MapStore();
    private final AtomicLong now = new AtomicLong();

    private VariantSetCache cache() {
        VariantSetComposer composer = new VariantSetComposer(generator, new VariantValidator(), PriceTable.FREE,
                "v1-test", GenerationMeter.NONE);
        return new VariantSetCache(composer, store, 100, Duration.ofSeconds(30), now::get);
    }

    @Test
    void customersOfOneSegmentCostThreeModelCallsInAll() {
        VariantSetCache cache = cache();
        List<Variant> first = cache.variantsFor(CHAMPIONS, CHAMPION_CONTENT);
        for (int customer = 0; customer < 500; customer++) {
            assertThat(cache.variantsFor(CHAMPIONS, List.copyOf(CHAMPION_CONTENT))).isSameAs(first);
        }
        assertThat(generator.calls).hasValue(3);
        assertThat(cache.generated()).isEqualTo(1);
        assertThat(cache.memoryHits()).isEqualTo(500);

        cache.variantsFor(AT_RISK, AT_RISK_CONTENT);
        assertThat(generator.calls).hasValue(6);
    }

    @Test
    void aRestartReadsTheStoreInsteadOfCallingTheModel() {
        List<Variant> before = cache().variantsFor(CHAMPIONS, CHAMPION_CONTENT);

        VariantSetCache restarted = cache();
        assertThat(restarted.variantsFor(CHAMPIONS, CHAMPION_CONTENT)).isEqualTo(before);
        assertThat(generator.calls).hasValue(3);
        assertThat(restarted.storeHits()).isEqualTo(1);
        assertThat(restarted.generated()).isZero();
    }

    @Test
    void concurrentRequestsForOneSetMakeOneGeneration() throws Exception {
        generator.gate = new CountDownLatch(1);
        VariantSetCache cache = cache();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<Variant>>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> cache.variantsFor(CHAMPIONS, CHAMPION_CONTENT)));
            }
            Thread.sleep(200);
            generator.gate.countDown();
            List<Variant> first = results.get(0).get(10, TimeUnit.SECONDS);
            for (Future<List<Variant>> result : results) {
                assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo(first);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(generator.calls).hasValue(3);
        assertThat(store.writes).hasValue(1);
    }

    @Test
    void aFailedGenerationIsNotCachedButFailsFastDuringTheCoolDown() {
        VariantSetCache cache = cache();
        generator.down.set(true);
        assertThatThrownBy(() -> cache.variantsFor(CHAMPIONS, CHAMPION_CONTENT))
                .isInstanceOf(GenerationUnavailableException.class).hasMessageContaining("HTTP 503");
        int callsWhileDown = generator.calls.get();

        now.addAndGet(Duration.ofSeconds(10).toNanos());
        assertThatThrownBy(() -> cache.variantsFor(CHAMPIONS, CHAMPION_CONTENT))
                .isInstanceOf(GenerationUnavailableException.class).hasMessageContaining("failed moments ago");
        assertThat(generator.calls).as("no call during the cool-down").hasValue(callsWhileDown);
        assertThatThrownBy(() -> cache.variantsFor(AT_RISK, AT_RISK_CONTENT)).as("other sets are tried")
                .hasMessageContaining("HTTP 503").hasMessageNotContaining("moments ago");

        generator.down.set(false);
        now.addAndGet(Duration.ofSeconds(21).toNanos());
        assertThat(cache.variantsFor(CHAMPIONS, CHAMPION_CONTENT)).hasSize(3).allMatch(Variant::valid);
        assertThat(store.sets).hasSize(1);
    }

    @Test
    void aStoreFailureIsReportedAsUnavailable() {
        store.broken = true;
        assertThatThrownBy(() -> cache().variantsFor(CHAMPIONS, CHAMPION_CONTENT))
                .isInstanceOf(GenerationUnavailableException.class).hasMessageContaining("variant store unavailable");
    }

    /** Valid drafts; optionally held at a gate, or down. */
    private static final class CountingGenerator implements VariantGenerator {

        final AtomicInteger calls = new AtomicInteger();
        final AtomicBoolean down = new AtomicBoolean();
        volatile CountDownLatch gate;

        @Override
        public String provider() {
            return "counting";
        }

        @Override
        public String model() {
            return "counting-1";
        }

        @Override
        public GenerationOutcome generate(GenerationRequest request) {
            calls.incrementAndGet();
            if (down.get()) {
                throw new GenerationUnavailableException("HTTP 503 after 3 attempts", null);
            }
            if (gate != null) {
                try {
                    gate.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            String body = ("Every Trail Club member gets a birthday voucher [1]. "
                    + "We hope to see you soon. ".repeat(25)).strip();
            return new GenerationOutcome.Draft("Hello", body, List.of(new DraftCitation(1,
                    request.snippets().get(0).documentId(), request.snippets().get(0).paragraphIndex())), Usage.NONE,
                    0);
        }
    }

    private static final class MapStore implements VariantSetStore {

        final Map<VariantSetKey, List<Variant>> sets = new HashMap<>();
        final AtomicInteger writes = new AtomicInteger();
        volatile boolean broken;

        @Override
        public synchronized Optional<List<Variant>> find(VariantSetKey key) {
            if (broken) {
                throw new VariantStoreException("connection refused", null);
            }
            return Optional.ofNullable(sets.get(key));
        }

        @Override
        public synchronized List<Variant> putIfAbsent(VariantSetKey key, List<Variant> variants) {
            writes.incrementAndGet();
            return sets.computeIfAbsent(key, k -> variants);
        }
    }
}
