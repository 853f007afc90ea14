package dev.cpo.experiment.assignment;

import dev.cpo.events.ArmKind;
import dev.cpo.events.Tone;

/**
 * What to send to an assigned customer.
 *
 * @param arm the customer's arm (unchanged by a fallback: the customer stays in the arm for analysis)
 * @param variantId the variant sent; null when the control message is sent
 * @param usedControlMessage whether the control message is sent (always for the control arm; for a treatment arm
 *        only as a fallback)
 * @param fallbackReason why a treatment arm got the control message; null for the control arm and for a sent variant
 * @param subject the subject to send
 * @param body the body to send
 */
public record Delivery(Arm arm, String variantId, boolean usedControlMessage, FallbackReason fallbackReason,
        String subject, String body) {

    /** Checks consistency between the fields. */
    public Delivery {
        if (arm == null) {
            throw new IllegalArgumentException("arm is required");
        }
        if (usedControlMessage == (variantId != null)) {
            throw new IllegalArgumentException("exactly one of variantId and usedControlMessage must be set");
        }
        if (fallbackReason != null && (!usedControlMessage || arm.isControl())) {
            throw new IllegalArgumentException("a fallback reason needs a treatment arm that got the control message");
        }
    }

    /**
     * @return whether a treatment arm fell back to the control message
     */
    public boolean fellBack() {
        return fallbackReason != null;
    }

    /**
     * @return the arm's kind
     */
    public ArmKind kind() {
        return arm.kind();
    }

    /**
     * @return the tone of the variant sent; null when the control message is sent (as {@code AssignmentEvent} wants)
     */
    public Tone tone() {
        return usedControlMessage ? null : arm.tone();
    }

    /**
     * @return the fallback reason's wire form, or null
     */
    public String fallbackReasonWire() {
        return fallbackReason == null ? null : fallbackReason.wireName();
    }
}
