package dev.cpo.experiment.assignment;

import dev.cpo.events.ArmKind;
import dev.cpo.events.Tone;
import java.util.Objects;

/**
 * One arm of an A/B/n experiment.
 *
 * @param name the arm's name, unique within the design, e.g. "control", "urgent" (required, non-blank)
 * @param kind control (the generic approved baseline) or treatment (a generated variant of {@code tone})
 * @param tone the tone a treatment arm sends; must be null for the control arm; null for a treatment only in a
 *        historical (imported) experiment, whose treatments were not generated here (a live experiment requires it)
 * @param weight the arm's relative allocation weight, a positive integer; the target share is
 *        {@code weight / sum(weights)}; for permuted blocks it is also the number of slots the arm has per block
 */
public record Arm(String name, ArmKind kind, Tone tone, int weight) {

    /** Checks the fields; every violation is an {@link IllegalArgumentException}. */
    public Arm {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("arm name must not be blank");
        }
        if (kind == null) {
            throw new IllegalArgumentException("arm '" + name + "': kind is required");
        }
        if (kind == ArmKind.CONTROL && tone != null) {
            throw new IllegalArgumentException("arm '" + name + "': a control arm has no tone");
        }
        if (weight <= 0) {
            throw new IllegalArgumentException("arm '" + name + "': weight must be positive, was " + weight);
        }
    }

    /**
     * @param name the arm's name
     * @param weight its weight
     * @return a control arm
     */
    public static Arm control(String name, int weight) {
        return new Arm(name, ArmKind.CONTROL, null, weight);
    }

    /**
     * @param name the arm's name
     * @param tone the tone it sends
     * @param weight its weight
     * @return a treatment arm
     */
    public static Arm treatment(String name, Tone tone, int weight) {
        return new Arm(name, ArmKind.TREATMENT, Objects.requireNonNull(tone, "tone"), weight);
    }

    /**
     * @param name the arm's name
     * @param weight its weight
     * @return a treatment arm of an imported experiment: no tone, nothing generated here
     */
    public static Arm untonedTreatment(String name, int weight) {
        return new Arm(name, ArmKind.TREATMENT, null, weight);
    }

    /**
     * @return whether this is the control arm
     */
    public boolean isControl() {
        return kind == ArmKind.CONTROL;
    }
}
