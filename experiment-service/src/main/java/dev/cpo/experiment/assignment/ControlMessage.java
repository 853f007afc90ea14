package dev.cpo.experiment.assignment;

/**
 * The experiment's control message: the generic, already approved baseline sent to the control arm and to every
 * treatment customer whose variant cannot be sent.
 *
 * @param id the message's id (required)
 * @param subject the e-mail subject (required, non-blank)
 * @param body the e-mail body (required, non-blank)
 */
public record ControlMessage(String id, String subject, String body) {

    /** Checks the fields. */
    public ControlMessage {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("control message id must not be blank");
        }
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("control message subject must not be blank");
        }
        if (body == null || body.isBlank()) {
            throw new IllegalArgumentException("control message body must not be blank");
        }
    }
}
