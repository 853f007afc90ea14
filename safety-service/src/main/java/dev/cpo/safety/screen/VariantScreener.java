package dev.cpo.safety.screen;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.cpo.events.ScreenedVariant;
import dev.cpo.events.Segment;
import dev.cpo.events.Variant;
import dev.cpo.events.Verdict;
import dev.cpo.safety.policy.ScreeningPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Screens each variant once per policy: from memory, else from the store, else with the screener, whose decision is
 * then recorded. A variant the generator marked invalid is blocked without a call. When the screener is unavailable
 * the variant gets no verdict at all (the caller holds the record): nothing passes unscreened. After such a failure,
 * new variants fail fast for a cool-down instead of each waiting out the provider again; variants already decided are
 * still served.
 */
public final class VariantScreener {

    private final TextScreener screener;
    private final ScreeningPolicy policy;
    private final VerdictStore store;
    private final Clock clock;
    private final Cache<String, Verdict> memory;
    private final long coolDownNanos;
    private final LongSupplier nanoTime;
    private volatile long failedAtNanos;
    private volatile String lastFailure;
    private final LongAdder screenings = new LongAdder();
    private final LongAdder cacheHits = new LongAdder();

    /**
     * @param screener the text screener
     * @param policy thresholds and version
     * @param store the audit trail
     * @param memoryEntries verdicts kept in memory
     * @param failureCoolDown how long new variants fail fast after the screener failed
     * @param clock decision timestamps
     * @param nanoTime the cool-down's clock
     */
    public VariantScreener(TextScreener screener, ScreeningPolicy policy, VerdictStore store, int memoryEntries,
            Duration failureCoolDown, Clock clock, LongSupplier nanoTime) {
        this.screener = Objects.requireNonNull(screener);
        this.policy = Objects.requireNonNull(policy);
        this.store = Objects.requireNonNull(store);
        this.memory = Caffeine.newBuilder().maximumSize(memoryEntries).build();
        this.coolDownNanos = failureCoolDown.toNanos();
        this.clock = clock;
        this.nanoTime = nanoTime;
    }

    /**
     * The outcome for one variant.
     *
     * @param screened the variant with its verdict
     * @param decided the decision made now, to be published for ops; empty when it was made before
     */
    public record Screening(ScreenedVariant screened, Optional<AuditRecord> decided) {
    }

    /**
     * @param segment the segment the variant was written for
     * @param variant the variant
     * @return the variant with its verdict
     * @throws ScreeningUnavailableException when the screener failed (now, or moments ago): fail closed
     */
    public Screening screen(Segment segment, Variant variant) {
        String textHash = textHash(variant);
        String key = variant.variantId() + '|' + textHash;
        Verdict known = memory.getIfPresent(key);
        if (known == null) {
            known = store.find(variant.variantId(), textHash, policy.version()).orElse(null);
        }
        if (known != null) {
            cacheHits.increment();
            memory.put(key, known);
            return new Screening(new ScreenedVariant(variant, known), Optional.empty());
        }
        Verdict verdict;
        if (!variant.valid()) {
            verdict = policy.invalidVariant(variant.invalidReason(), screener.provider());
        } else {
            String failure = lastFailure;
            if (failure != null && nanoTime.getAsLong() - failedAtNanos < coolDownNanos) {
                throw new ScreeningUnavailableException(failure + " (failed moments ago; new variants are held for "
                        + Duration.ofNanos(coolDownNanos).toSeconds() + " s)", null);
            }
            try {
                verdict = policy.decide(screener.screen(textOf(variant)), screener.provider());
                lastFailure = null;
            } catch (ScreeningUnavailableException e) {
                failedAtNanos = nanoTime.getAsLong();
                lastFailure = e.getMessage();
                throw e;
            }
            screenings.increment();
        }
        AuditRecord record = new AuditRecord(clock.instant(), variant.variantId(), textHash, segment.id(),
                variant.tone(), verdict);
        Verdict recorded = store.record(record);
        memory.put(key, recorded);
        return new Screening(new ScreenedVariant(variant, recorded),
                recorded.equals(verdict) ? Optional.of(record) : Optional.empty());
    }

    /** @return the policy */
    public ScreeningPolicy policy() {
        return policy;
    }

    /** @return the screener's provider */
    public String provider() {
        return screener.provider();
    }

    /** @return texts sent to the screener */
    public long screenings() {
        return screenings.sum();
    }

    /** @return verdicts served from memory or the store */
    public long cacheHits() {
        return cacheHits.sum();
    }

    /** Forgets the verdicts held in memory (the store keeps them) and any recent failure. */
    public void clearMemory() {
        memory.invalidateAll();
        lastFailure = null;
    }

    /**
     * A variant id names what a variant was written from, not its words: a provider that writes anew (after its set
     * was evicted, say) gives new text under the same id. A verdict therefore holds for the id and this hash together.
     *
     * @return SHA-256 (hex, 32 characters) of the validity, subject and body
     */
    static String textHash(Variant variant) {
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            sha.update((variant.valid() ? "valid\n" : "invalid\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            sha.update(textOf(variant).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(sha.digest()).substring(0, 32);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return what is screened: the subject and the body, as the customer will read them */
    static String textOf(Variant variant) {
        return variant.subject() + "\n\n" + variant.body();
    }
}
