package dev.cpo.experiment.assignment;

import dev.cpo.events.Decision;
import dev.cpo.events.ScreenedVariant;
import dev.cpo.events.Variant;
import java.util.List;
import java.util.Objects;

/**
 * Chooses what an assigned customer is sent.
 *
 * <p>The rule:
 * <ul>
 * <li>Control arm: the control message, no fallback reason.</li>
 * <li>Treatment arm: the first variant (in list order) whose tone is the arm's tone, that is {@code valid} and whose
 * verdict is {@link Decision#PASS}.</li>
 * <li>Otherwise the documented fallback: the control message, never a blocked or invalid text and never another
 * tone's variant (that would contaminate the other arm). The customer stays in the arm (intention to treat) and the
 * reason is recorded: {@link FallbackReason#VARIANT_BLOCKED} if any variant of the tone was blocked (safety takes
 * precedence, also when it was invalid too), else {@link FallbackReason#VARIANT_INVALID} if any was invalid, else
 * {@link FallbackReason#VARIANT_MISSING}.</li>
 * </ul>
 * Pure and thread-safe.
 */
public final class VariantChoice {

    private final ControlMessage controlMessage;

    /**
     * @param controlMessage the experiment's control message
     */
    public VariantChoice(ControlMessage controlMessage) {
        this.controlMessage = Objects.requireNonNull(controlMessage, "controlMessage");
    }

    /**
     * @param arm the customer's arm (required)
     * @param screened the customer's screened variants; null is read as empty
     * @return what to send
     */
    public Delivery choose(Arm arm, List<ScreenedVariant> screened) {
        Objects.requireNonNull(arm, "arm");
        if (arm.isControl()) {
            return control(arm, null);
        }
        boolean blocked = false;
        boolean invalid = false;
        for (ScreenedVariant candidate : screened == null ? List.<ScreenedVariant>of() : screened) {
            Variant variant = candidate.variant();
            if (variant.tone() != arm.tone()) {
                continue;
            }
            boolean passed = candidate.verdict().decision() == Decision.PASS;
            if (passed && variant.valid()) {
                return new Delivery(arm, variant.variantId(), false, null, variant.subject(), variant.body());
            }
            blocked |= !passed;
            invalid |= !variant.valid();
        }
        FallbackReason reason = blocked
                ? FallbackReason.VARIANT_BLOCKED
                : invalid ? FallbackReason.VARIANT_INVALID : FallbackReason.VARIANT_MISSING;
        return control(arm, reason);
    }

    /**
     * @return the control message
     */
    public ControlMessage controlMessage() {
        return controlMessage;
    }

    private Delivery control(Arm arm, FallbackReason reason) {
        return new Delivery(arm, null, true, reason, controlMessage.subject(), controlMessage.body());
    }
}
