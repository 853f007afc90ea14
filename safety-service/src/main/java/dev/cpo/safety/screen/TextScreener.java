package dev.cpo.safety.screen;

/**
 * Analyses one text for harm. Implementations: the local lexicon-and-pattern screener (default, no network) and
 * Azure AI Content Safety. A screener reports what it found; the {@code ScreeningPolicy} decides pass or block.
 */
public interface TextScreener {

    /** @return the provider's name as recorded on every verdict, e.g. "local-rules" or "azure-content-safety" */
    String provider();

    /**
     * @param text the text to analyse (subject and body of a variant, or any other copy)
     * @return a severity for every harm category, and the blocklist entries that matched
     * @throws ScreeningUnavailableException when no complete analysis could be obtained; never treated as a pass
     */
    ScreenResult screen(String text);
}
