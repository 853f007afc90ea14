package dev.cpo.generation.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.cpo.events.Segment;
import dev.cpo.events.Snippet;
import dev.cpo.events.Variant;
import dev.cpo.generation.generate.GenerationUnavailableException;
import dev.cpo.generation.generate.VariantSetComposer;
import dev.cpo.generation.generate.VariantSetKey;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The variant sets, so that model calls scale with segments × tones and never with customers: a bounded in-memory
 * layer in front of the durable {@link VariantSetStore}, in front of the {@link VariantSetComposer}. Concurrent
 * requests for one key wait for a single load: one store read, at most one generation. A generation that failed
 * because the provider or the store was away is not cached, but it is remembered for a cool-down, during which
 * requests for that key fail at once instead of each waiting out the provider's retries again.
 */
public final class VariantSetCache {

    private final VariantSetComposer composer;
    private final VariantSetStore store;
    private final Cache<MemoKey, VariantSet> memory;
    private final ConcurrentHashMap<MemoKey, CompletableFuture<VariantSet>> loading = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<MemoKey, Failure> recentFailures = new ConcurrentHashMap<>();
    private final long coolDownNanos;
    private final LongSupplier nanoTime;
    private final LongAdder memoryHits = new LongAdder();
    private final LongAdder storeHits = new LongAdder();
    private final LongAdder generated = new LongAdder();

    /**
     * @param composer writes a set on a miss
     * @param store the durable layer
     * @param memoryEntries how many sets the memory layer keeps
     * @param failureCoolDown how long a failed key fails fast
     * @param nanoTime the clock of the cool-down, {@link System#nanoTime()} in production
     */
    public VariantSetCache(VariantSetComposer composer, VariantSetStore store, int memoryEntries,
            Duration failureCoolDown, LongSupplier nanoTime) {
        this.composer = Objects.requireNonNull(composer);
        this.store = Objects.requireNonNull(store);
        this.memory = Caffeine.newBuilder().maximumSize(memoryEntries).build();
        this.coolDownNanos = failureCoolDown.toNanos();
        this.nanoTime = nanoTime;
    }

    /**
     * @param segment the audience
     * @param snippets the content set, in order
     * @return the set's variants, one per tone
     * @throws GenerationUnavailableException when the provider or the store is away (now or within the cool-down)
     */
    public List<Variant> variantsFor(Segment segment, List<Snippet> snippets) {
        return setFor(segment, snippets).variants();
    }

    /**
     * The set with the content it was written from: every caller with equal content gets the same instances, so a
     * serializer can encode them once per set instead of once per customer.
     *
     * @param segment the audience
     * @param snippets the content set, in order
     * @return the set
     * @throws GenerationUnavailableException when the provider or the store is away (now or within the cool-down)
     */
    public VariantSet setFor(Segment segment, List<Snippet> snippets) {
        MemoKey memoKey = new MemoKey(segment.id(), segment.label(), snippets);
        VariantSet cached = memory.getIfPresent(memoKey);
        if (cached != null) {
            memoryHits.increment();
            return cached;
        }
        Failure failure = recentFailures.get(memoKey);
        if (failure != null) {
            if (nanoTime.getAsLong() - failure.atNanos < coolDownNanos) {
                throw new GenerationUnavailableException(failure.message + " (failed moments ago; retried after "
                        + Duration.ofNanos(coolDownNanos).toSeconds() + " s)", null);
            }
            recentFailures.remove(memoKey, failure);
        }
        CompletableFuture<VariantSet> mine = new CompletableFuture<>();
        CompletableFuture<VariantSet> theirs = loading.putIfAbsent(memoKey, mine);
        if (theirs != null) {
            return await(theirs);
        }
        try {
            VariantSet set = new VariantSet(List.copyOf(snippets), load(segment, snippets));
            memory.put(memoKey, set);
            mine.complete(set);
            return set;
        } catch (GenerationUnavailableException | VariantSetStore.VariantStoreException e) {
            GenerationUnavailableException unavailable = e instanceof GenerationUnavailableException g
                    ? g
                    : new GenerationUnavailableException("variant store unavailable: " + e.getMessage(), e);
            recentFailures.put(memoKey, new Failure(unavailable.getMessage(), nanoTime.getAsLong()));
            mine.completeExceptionally(unavailable);
            throw unavailable;
        } catch (RuntimeException e) {
            // A defect, not an outage: no cool-down; the caller dead-letters the record.
            mine.completeExceptionally(e);
            throw e;
        } finally {
            loading.remove(memoKey, mine);
        }
    }

    private List<Variant> load(Segment segment, List<Snippet> snippets) {
        VariantSetKey key = composer.keyFor(segment, snippets);
        var stored = store.find(key);
        if (stored.isPresent()) {
            storeHits.increment();
            return stored.get();
        }
        List<Variant> variants = composer.compose(segment, snippets);
        generated.increment();
        return store.putIfAbsent(key, variants);
    }

    private static VariantSet await(CompletableFuture<VariantSet> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Forgets every set held in memory (the store keeps them). */
    public void clearMemory() {
        memory.invalidateAll();
        recentFailures.clear();
    }

    /**
     * Forgets the sets of one segment held in memory, after they were deleted from the store.
     *
     * @param segmentId the segment
     */
    public void forgetSegment(String segmentId) {
        memory.asMap().keySet().removeIf(k -> k.segmentId().equals(segmentId));
        recentFailures.keySet().removeIf(k -> k.segmentId().equals(segmentId));
    }

    /** @return requests answered from memory */
    public long memoryHits() {
        return memoryHits.sum();
    }

    /** @return requests answered from the store */
    public long storeHits() {
        return storeHits.sum();
    }

    /** @return sets generated */
    public long generated() {
        return generated.sum();
    }

    /** @return sets held in memory */
    public long memorySize() {
        return memory.estimatedSize();
    }

    private record Failure(String message, long atNanos) {
    }

    /**
     * A set and the content it was written from.
     *
     * @param snippets the content set, in order
     * @param variants one variant per tone
     */
    public record VariantSet(List<Snippet> snippets, List<Variant> variants) {
    }

    /**
     * The exact inputs of a set, compared in full, so no two contents ever share a set. Its hash leaves the snippet
     * texts out (they are compared, not hashed, which is cheaper per record); the SHA-256 of {@link VariantSetKey} is
     * computed only on a miss.
     */
    private record MemoKey(String segmentId, String segmentLabel, List<Snippet> snippets) {

        @Override
        public int hashCode() {
            int hash = segmentId.hashCode() * 31 + segmentLabel.hashCode();
            for (Snippet snippet : snippets) {
                hash = hash * 31 + snippet.documentId().hashCode();
                hash = hash * 31 + snippet.paragraphIndex();
                hash = hash * 31 + snippet.text().length();
            }
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof MemoKey key && segmentId.equals(key.segmentId)
                    && segmentLabel.equals(key.segmentLabel) && snippets.equals(key.snippets);
        }
    }
}
