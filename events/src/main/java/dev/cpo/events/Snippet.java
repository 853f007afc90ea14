package dev.cpo.events;

/**
 * One retrieved paragraph used to ground generation.
 *
 * @param documentId id of the source document in the corpus (required)
 * @param title the document's title (required, may be empty)
 * @param paragraphIndex zero-based paragraph index within the document (required)
 * @param text the paragraph's text (required, not blank)
 * @param score relevance normalised to [0, 1] (required)
 * @param source where the document comes from, e.g. a URL or file name (optional)
 */
public record Snippet(String documentId, String title, int paragraphIndex, String text, double score,
        String source) {

    /** Checks the required fields and ranges. */
    public Snippet {
        Checks.nonBlank("documentId", documentId);
        Checks.required("title", title);
        Checks.nonNegative("paragraphIndex", paragraphIndex);
        Checks.nonBlank("text", text);
        if (!(score >= 0.0 && score <= 1.0)) {
            throw InvalidFieldException.invalid("score", "must be between 0 and 1");
        }
    }
}
