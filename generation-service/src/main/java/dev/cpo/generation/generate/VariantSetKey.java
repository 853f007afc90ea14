package dev.cpo.generation.generate;

import dev.cpo.events.Segment;
import dev.cpo.events.Snippet;
import dev.cpo.events.Tone;
import java.util.ArrayList;
import java.util.List;

/**
 * What a variant set depends on, and so what it is cached under: the segment (id and label, which the prompt names),
 * the content set (every snippet's document, paragraph and text, in order, since the order fixes the markers), the
 * prompt version, the provider and the model. Never the customer: customers of one segment share one set.
 *
 * @param segmentId the segment's id
 * @param segmentLabel the segment's label
 * @param contentHash SHA-256 of the content set, hex
 * @param promptVersion the prompt templates' version
 * @param provider the generator's provider
 * @param model the generator's model
 */
public record VariantSetKey(String segmentId, String segmentLabel, String contentHash, String promptVersion,
        String provider, String model) {

    /**
     * @return the key of a set
     */
    public static VariantSetKey of(Segment segment, List<Snippet> snippets, String promptVersion, String provider,
            String model) {
        return new VariantSetKey(segment.id(), segment.label(), contentHash(snippets), promptVersion, provider, model);
    }

    /**
     * @param snippets a content set, in order
     * @return its SHA-256, hex
     */
    public static String contentHash(List<Snippet> snippets) {
        List<String> parts = new ArrayList<>(snippets.size() * 3);
        for (Snippet snippet : snippets) {
            parts.add(snippet.documentId());
            parts.add(Integer.toString(snippet.paragraphIndex()));
            parts.add(snippet.text());
        }
        return Hashing.sha256Hex(parts.toArray(String[]::new));
    }

    /** @return the key as one string: the primary key of the stored set */
    public String id() {
        return "vs-" + Hashing.sha256Hex(segmentId, segmentLabel, contentHash, promptVersion, provider, model)
                .substring(0, 32);
    }

    /**
     * The id of the set's variant in one tone: a hash of the segment, the content set, the tone, the prompt version,
     * the provider and the model, so the same inputs always give the same id and any change gives a new one.
     *
     * @param tone the tone
     * @return e.g. {@code var-3f1c...}
     */
    public String variantId(Tone tone) {
        return "var-" + Hashing.sha256Hex(segmentId, segmentLabel, contentHash, tone.wireName(), promptVersion,
                provider, model).substring(0, 24);
    }
}
