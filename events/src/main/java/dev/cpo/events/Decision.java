package dev.cpo.events;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The safety screen's verdict on one variant.
 *
 * <p>JSON: the constant's name in lower case; reading is case-insensitive, an unknown value is rejected.
 */
public enum Decision {
    /** May be sent. */
    PASS,
    /** Must never be sent. */
    BLOCK;

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
    public static Decision fromWire(String value) {
        return EnumWire.parse(Decision.class, value);
    }
}
