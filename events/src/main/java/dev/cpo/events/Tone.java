package dev.cpo.events;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The tone a message variant is written in.
 *
 * <p>JSON: the constant's name in lower case; reading is case-insensitive, an unknown value is rejected.
 */
public enum Tone {
    /** Time-limited, call to act now. */
    URGENT,
    /** Factual, product or service information. */
    INFORMATIONAL,
    /** Warm, relationship building. */
    FRIENDLY;

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
    public static Tone fromWire(String value) {
        return EnumWire.parse(Tone.class, value);
    }
}
