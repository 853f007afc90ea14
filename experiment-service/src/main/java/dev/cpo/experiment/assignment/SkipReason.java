package dev.cpo.experiment.assignment;

import java.util.Locale;

/** Why a customer is not contacted (and so not assigned). */
public enum SkipReason {
    /** The customer has not consented to e-mail. */
    NO_CONSENT,
    /** The customer was contacted less than the frequency cap ago. */
    FREQUENCY_CAP,
    /** The customer has been inactive for longer than the inactivity rule allows. */
    INACTIVE;

    /**
     * @return the wire form: "no-consent", "frequency-cap", "inactive"
     */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
