package dev.cpo.retrieval.search;

/** The search service could not answer (after its own retries): the caller decides whether to retry or fail. */
public class SearchUnavailableException extends RuntimeException {

    /**
     * @param message what failed, without secrets
     * @param cause the underlying error
     */
    public SearchUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
