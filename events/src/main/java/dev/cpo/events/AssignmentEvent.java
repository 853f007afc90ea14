package dev.cpo.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The experiment service's output on {@value Topics#ASSIGNMENTS}: which arm a customer is in and the message to
 * send. A control assignment carries neither tone nor variant id.
 *
 * @param eventId derived from the screened event's id
 * @param schemaVersion {@value #SCHEMA_VERSION}
 * @param occurredAt when the assignment was made
 * @param customerId the customer; the Kafka key
 * @param causationId the {@link ScreenedEvent}'s id
 * @param experimentId the experiment (required)
 * @param arm the arm's name (required)
 * @param kind control or treatment (required)
 * @param tone the variant's tone; null for control (and for a treatment that fell back)
 * @param segment the customer's segment (required)
 * @param variantId the variant sent; null for control (and for a treatment that fell back)
 * @param subject the subject to send (required)
 * @param body the body to send (required)
 * @param fallbackReason why the intended variant was not used, e.g. all variants blocked (optional)
 * @param emailConsent whether the customer may be e-mailed; false means nothing is sent (required)
 */
public record AssignmentEvent(UUID eventId, int schemaVersion, Instant occurredAt, String customerId,
        UUID causationId, String experimentId, String arm, ArmKind kind, Tone tone, Segment segment, String variantId,
        String subject, String body, String fallbackReason, boolean emailConsent) implements CausedEvent {

    /** The schema version this code writes. */
    public static final int SCHEMA_VERSION = 1;

    /** Checks the envelope, the required fields and that control carries no variant. */
    public AssignmentEvent {
        Checks.envelope(eventId, schemaVersion, occurredAt, customerId);
        Checks.required("causationId", causationId);
        Checks.nonBlank("experimentId", experimentId);
        Checks.nonBlank("arm", arm);
        Checks.required("kind", kind);
        Checks.required("segment", segment);
        Checks.nonBlank("subject", subject);
        Checks.nonBlank("body", body);
        if (kind == ArmKind.CONTROL && tone != null) {
            throw InvalidFieldException.invalid("tone", "must be absent for a control assignment");
        }
        if (kind == ArmKind.CONTROL && variantId != null) {
            throw InvalidFieldException.invalid("variantId", "must be absent for a control assignment");
        }
    }
}
