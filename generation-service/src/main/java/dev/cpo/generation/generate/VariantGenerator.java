package dev.cpo.generation.generate;

/**
 * Writes one variant per call. Implementations: the local grounded generator (default, no network) and the
 * OpenAI-compatible chat client (Azure OpenAI or any OpenAI-compatible server).
 */
public interface VariantGenerator {

    /** @return the provider's name as recorded on every variant, e.g. "local" or "azure-openai" */
    String provider();

    /** @return the model or deployment name as recorded on every variant */
    String model();

    /**
     * @param request what to write
     * @return a draft, or why there is none
     * @throws GenerationUnavailableException when the provider could not be reached or kept failing after its retries
     */
    GenerationOutcome generate(GenerationRequest request);
}
