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
import java.util.ArrayList;
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
    private final Cache<MemoKey, List<Variant>> memory;
    private final ConcurrentHashMap<MemoKey, CompletableFuture<List<Variant>>> loading = new ConcurrentHashMap<>();
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
        MemoKey memoKey = MemoKey.of(segment, snippets);
        List<Variant> cached = memory.getIfPresent(memoKey);
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
        CompletableFuture<List<Variant>> mine = new CompletableFuture<>();
        CompletableFuture<List<Variant>> theirs = loading.putIfAbsent(memoKey, mine);
        if (theirs != null) {
            return await(theirs);
        }
        try {
            List<Variant> variants = load(segment, snippets);
            memory.put(memoKey, variants);
            mine.complete(variants);
            return variants;
        } catch (RuntimeException e) {
            GenerationUnavailableException unavailable = e instanceof GenerationUnavailableException g
                    ? g
                    : new GenerationUnavailableException("variant store unavailable: " + e.getMessage(), e);
            recentFailures.put(memoKey, new Failure(unavailable.getMessage(), nanoTime.getAsLong()));
            mine.completeExceptionally(unavailable);
            throw unavailable;
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

    private static List<Variant> await(CompletableFuture<List<Variant>> future) {
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
     * The exact inputs of a set, compared in full (no hash collisions); cheaper per record than the SHA-256 of
     * {@link VariantSetKey}, which is computed only on a miss.
     */
    private record MemoKey(String segmentId, String segmentLabel, List<Object> content) {

        static MemoKey of(Segment segment, List<Snippet> snippets) {
            List<Object> content = new ArrayList<>(snippets.size() * 3);
            for (Snippet snippet : snippets) {
                content.add(snippet.documentId());
                content.add(snippet.paragraphIndex());
                content.add(snippet.text());
            }
            return new MemoKey(segment.id(), segment.label(), content);
        }
    }
}
