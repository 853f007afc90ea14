package dev.cpo.generation.generate;

import dev.cpo.events.Citation;
import dev.cpo.events.GenerationMetadata;
import dev.cpo.events.Segment;
import dev.cpo.events.Snippet;
import dev.cpo.events.Tone;
import dev.cpo.events.Variant;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Writes the variant set of one segment and content set: one variant per tone. Each draft is validated
 * ({@link VariantValidator}); a draft that fails, or a reply that is not a draft, is regenerated once with the reason,
 * and if the second attempt fails too the variant is published as invalid with the reason, never as valid. A
 * filtered result is not retried (the same input would be filtered again) and is published as invalid with the
 * filter's reason. Without snippets nothing is generated: every tone is invalid, "no sources", and no model is called.
 */
public final class VariantSetComposer {

    /** The invalid reason of every variant of a segment for which retrieval found no approved snippet. */
    public static final String NO_SOURCES = "no-sources: retrieval found no approved content for this segment, "
            + "and nothing is written without sources";

    private final VariantGenerator generator;
    private final VariantValidator validator;
    private final PriceTable prices;
    private final String promptVersion;
    private final GenerationMeter meter;

    /**
     * @param generator writes the drafts
     * @param validator checks them
     * @param prices the provider's prices
     * @param promptVersion the prompt templates' version, recorded on every variant and part of its id
     * @param meter told of every model call
     */
    public VariantSetComposer(VariantGenerator generator, VariantValidator validator, PriceTable prices,
            String promptVersion, GenerationMeter meter) {
        this.generator = Objects.requireNonNull(generator);
        this.validator = Objects.requireNonNull(validator);
        this.prices = Objects.requireNonNull(prices);
        this.promptVersion = Objects.requireNonNull(promptVersion);
        this.meter = Objects.requireNonNull(meter);
    }

    /** @return the key of the set for this segment and content set */
    public VariantSetKey keyFor(Segment segment, List<Snippet> snippets) {
        return VariantSetKey.of(segment, snippets, promptVersion, generator.provider(), generator.model());
    }

    /** @return the generator's provider */
    public String provider() {
        return generator.provider();
    }

    /** @return the generator's model */
    public String model() {
        return generator.model();
    }

    /** @return the prompt version */
    public String promptVersion() {
        return promptVersion;
    }

    /**
     * @param segment the audience
     * @param snippets the approved content, best first; may be empty
     * @return one variant per tone, in {@link Tone} order
     * @throws GenerationUnavailableException when the provider is unreachable; nothing is returned then
     */
    public List<Variant> compose(Segment segment, List<Snippet> snippets) {
        VariantSetKey key = keyFor(segment, snippets);
        List<Variant> variants = new ArrayList<>(Tone.values().length);
        for (Tone tone : Tone.values()) {
            variants.add(snippets.isEmpty()
                    ? invalid(key, tone, NO_SOURCES, Usage.NONE, 0)
                    : write(key, GenerationRequest.first(segment, snippets, tone)));
        }
        return List.copyOf(variants);
    }

    private Variant write(VariantSetKey key, GenerationRequest first) {
        Usage usage = Usage.NONE;
        long latency = 0;
        GenerationRequest request = first;
        String rejection = null;
        for (int attempt = 1; attempt <= 2; attempt++) {
            GenerationOutcome outcome = call(request);
            usage = usage.plus(outcome.usage());
            latency += outcome.latencyMillis();
            if (outcome instanceof GenerationOutcome.Filtered filtered) {
                return invalid(key, request.tone(), "filtered: " + filtered.reason(), usage, latency);
            } else if (outcome instanceof GenerationOutcome.Unusable unusable) {
                rejection = "unusable reply: " + unusable.reason();
            } else {
                GenerationOutcome.Draft draft = (GenerationOutcome.Draft) outcome;
                List<String> problems = validator.problems(draft, request.snippets());
                if (problems.isEmpty()) {
                    return valid(key, request, draft, usage, latency);
                }
                rejection = String.join("; ", problems);
            }
            request = request.retry(rejection);
        }
        return invalid(key, first.tone(), "invalid after regeneration: " + rejection, usage, latency);
    }

    private GenerationOutcome call(GenerationRequest request) {
        String segmentId = request.segment().id();
        GenerationOutcome outcome;
        try {
            outcome = generator.generate(request);
        } catch (GenerationUnavailableException e) {
            meter.called(segmentId, generator.provider(), "unavailable", Usage.NONE, BigDecimal.ZERO);
            throw e;
        }
        String name = outcome instanceof GenerationOutcome.Draft
                ? "draft"
                : outcome instanceof GenerationOutcome.Filtered ? "filtered" : "unusable";
        meter.called(segmentId, generator.provider(), name, outcome.usage(), prices.cost(outcome.usage()));
        return outcome;
    }

    private Variant valid(VariantSetKey key, GenerationRequest request, GenerationOutcome.Draft draft, Usage usage,
            long latency) {
        List<Citation> citations = new ArrayList<>(draft.citations().size());
        for (DraftCitation cited : draft.citations()) {
            Snippet snippet = request.snippets().stream()
                    .filter(s -> s.documentId().equals(cited.documentId())
                            && s.paragraphIndex() == cited.paragraphIndex())
                    .findFirst().orElseThrow();
            citations.add(new Citation(cited.marker(), snippet.documentId(), snippet.title(),
                    snippet.paragraphIndex()));
        }
        citations.sort((a, b) -> Integer.compare(a.marker(), b.marker()));
        return new Variant(key.variantId(request.tone()), request.tone(), draft.subject().strip(),
                draft.body().strip(), citations, metadata(usage, latency), true, null);
    }

    private Variant invalid(VariantSetKey key, Tone tone, String reason, Usage usage, long latency) {
        return new Variant(key.variantId(tone), tone, "", "", List.of(), metadata(usage, latency), false, reason);
    }

    private GenerationMetadata metadata(Usage usage, long latency) {
        return new GenerationMetadata(generator.provider(), generator.model(), promptVersion, usage.tokensIn(),
                usage.tokensOut(), prices.cost(usage), latency);
    }
}
