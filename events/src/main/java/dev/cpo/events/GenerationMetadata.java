package dev.cpo.events;

import java.math.BigDecimal;

/**
 * How a variant was generated, for cost and quality tracking.
 *
 * @param provider e.g. "azure-openai", "ollama" or "template" (required)
 * @param model model or deployment name (required)
 * @param promptVersion version of the prompt template (required)
 * @param tokensIn prompt tokens, at least 0 (required)
 * @param tokensOut completion tokens, at least 0 (required)
 * @param cost cost of the call in USD, at least 0 (required)
 * @param latencyMillis wall-clock duration of the call, at least 0 (required)
 */
public record GenerationMetadata(String provider, String model, String promptVersion, int tokensIn, int tokensOut,
        BigDecimal cost, long latencyMillis) {

    /** Checks the required fields and ranges. */
    public GenerationMetadata {
        Checks.nonBlank("provider", provider);
        Checks.nonBlank("model", model);
        Checks.nonBlank("promptVersion", promptVersion);
        Checks.nonNegative("tokensIn", tokensIn);
        Checks.nonNegative("tokensOut", tokensOut);
        Checks.required("cost", cost);
        Checks.nonNegative("cost", cost);
        Checks.nonNegative("latencyMillis", latencyMillis);
    }
}
