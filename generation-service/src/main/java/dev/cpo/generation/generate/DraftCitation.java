package dev.cpo.generation.generate;

/**
 * A citation as a generator claims it: marker {@code [marker]} in the body refers to paragraph
 * {@code paragraphIndex} of document {@code documentId}. The validator checks that this is a snippet that was provided.
 *
 * @param marker the number used in the body
 * @param documentId the cited document
 * @param paragraphIndex the cited paragraph
 */
public record DraftCitation(int marker, String documentId, int paragraphIndex) {
}
