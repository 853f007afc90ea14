package dev.cpo.experiment.persistence;

/** PostgreSQL could not be read or written; the caller dead-letters or answers 503. */
public class StorageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what could not be done
     * @param cause the driver's exception
     */
    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
