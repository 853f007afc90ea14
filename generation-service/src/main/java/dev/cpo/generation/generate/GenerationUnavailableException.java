package dev.cpo.generation.generate;

/** The provider could not be reached, or kept failing after its bounded retries. Nothing is cached on this. */
public class GenerationUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, never a secret or the customer's data
     * @param cause the underlying failure, if any
     */
    public GenerationUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
