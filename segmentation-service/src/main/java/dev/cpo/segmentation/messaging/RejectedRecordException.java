package dev.cpo.segmentation.messaging;

/** A record this stage will not process; its message becomes the {@code dead-letter-reason} of the DLQ record. */
public class RejectedRecordException extends RuntimeException {

    RejectedRecordException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
