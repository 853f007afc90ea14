package dev.cpo.events;

/**
 * A reference from a variant's body (marker {@code [n]}) to the snippet it is grounded in.
 *
 * @param marker the number used in the body, at least 1 (required)
 * @param documentId the cited snippet's document (required)
 * @param title the cited document's title (required, may be empty)
 * @param paragraphIndex the cited snippet's paragraph (required)
 */
public record Citation(int marker, String documentId, String title, int paragraphIndex) {

    /** Checks the required fields and ranges. */
    public Citation {
        Checks.atLeast("marker", marker, 1);
        Checks.nonBlank("documentId", documentId);
        Checks.required("title", title);
        Checks.nonNegative("paragraphIndex", paragraphIndex);
    }
}
