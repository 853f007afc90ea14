package dev.cpo.events;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Whether an experiment arm gets generated content or the control message.
 *
 * <p>JSON: the constant's name in lower case; reading is case-insensitive, an unknown value is rejected.
 */
public enum ArmKind {
    /** The control message: no variant, no tone. */
    CONTROL,
    /** A generated, screened variant (or a documented fallback). */
    TREATMENT;

    /**
     * @return the JSON value: the name in lower case
     */
    @JsonValue
    public String wireName() {
        return EnumWire.name(this);
    }

    /**
     * @param value a JSON value, case-insensitive
     * @return the constant
     * @throws IllegalArgumentException listing the allowed values if there is none
     */
    public static ArmKind fromWire(String value) {
        return EnumWire.parse(ArmKind.class, value);
    }
}
