package dev.cpo.generation.generate;

import dev.cpo.events.Segment;
import dev.cpo.events.Snippet;
import dev.cpo.events.Tone;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What to write: one variant in one tone for one segment, grounded only in the given snippets. Snippet {@code i} of
 * the list (from 0) is cited as {@code [i+1]}.
 *
 * @param segment the audience
 * @param snippets the approved snippets, best first, never empty
 * @param tone the tone to write in
 * @param attempt 1 for the first attempt, 2 for the one regeneration after a rejected draft
 * @param feedback why the previous attempt was rejected; empty on the first attempt
 */
public record GenerationRequest(Segment segment, List<Snippet> snippets, Tone tone, int attempt,
        Optional<String> feedback) {

    /** Checks the fields. */
    public GenerationRequest {
        Objects.requireNonNull(segment, "segment");
        Objects.requireNonNull(tone, "tone");
        Objects.requireNonNull(feedback, "feedback");
        snippets = List.copyOf(snippets);
        if (snippets.isEmpty()) {
            throw new IllegalArgumentException("a variant is never written without snippets to cite");
        }
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt starts at 1");
        }
    }

    /** @return a first attempt */
    public static GenerationRequest first(Segment segment, List<Snippet> snippets, Tone tone) {
        return new GenerationRequest(segment, snippets, tone, 1, Optional.empty());
    }

    /**
     * @param reason why the previous draft was rejected, told to the generator
     * @return the next attempt of the same request
     */
    public GenerationRequest retry(String reason) {
        return new GenerationRequest(segment, snippets, tone, attempt + 1, Optional.of(reason));
    }
}
