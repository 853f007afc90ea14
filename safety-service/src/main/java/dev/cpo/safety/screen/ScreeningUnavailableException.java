package dev.cpo.safety.screen;

/** No complete analysis could be obtained (provider down, timed out, or answered nonsense). Fail closed. */
public class ScreeningUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, never a secret or the text
     * @param cause the underlying failure, if any
     */
    public ScreeningUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
