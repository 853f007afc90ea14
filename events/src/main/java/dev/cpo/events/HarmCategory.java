package dev.cpo.events;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Content-harm categories the safety screen scores (JSON "hate", "self_harm", "sexual", "violence").
 *
 * <p>JSON: the constant's name in lower case; reading is case-insensitive, an unknown value is rejected.
 */
public enum HarmCategory {
    /** Hate and fairness. */
    HATE,
    /** Self-harm. */
    SELF_HARM,
    /** Sexual content. */
    SEXUAL,
    /** Violence. */
    VIOLENCE;

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
    public static HarmCategory fromWire(String value) {
        return EnumWire.parse(HarmCategory.class, value);
    }
}
