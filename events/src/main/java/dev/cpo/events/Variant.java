package dev.cpo.events;

import java.util.List;

/**
 * One generated message variant.
 *
 * @param variantId unique within the event, stable across re-processing (required)
 * @param tone the tone it was written in (required)
 * @param subject e-mail subject (required; may be empty when {@code valid} is false)
 * @param body e-mail body with citation markers {@code [n]} (required; may be empty when {@code valid} is false)
 * @param citations the body's citations; null is read as empty
 * @param generation how it was generated (required)
 * @param valid whether it passed the generator's own checks (format, citations) (required)
 * @param invalidReason why it is not valid (optional; set when {@code valid} is false)
 */
public record Variant(String variantId, Tone tone, String subject, String body, List<Citation> citations,
        GenerationMetadata generation, boolean valid, String invalidReason) {

    /** Checks the required fields. */
    public Variant {
        Checks.nonBlank("variantId", variantId);
        Checks.required("tone", tone);
        Checks.required("subject", subject);
        Checks.required("body", body);
        citations = Checks.list("citations", citations);
        Checks.required("generation", generation);
    }
}
