package dev.cpo.events;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where an engagement event comes from.
 *
 * <p>JSON: the constant's name in lower case; reading is case-insensitive, an unknown value is rejected.
 */
public enum EngagementSource {
    /** Real delivery and tracking. */
    LIVE,
    /** Imported from past campaigns. */
    HISTORICAL,
    /** Produced by the engagement simulator. */
    SIMULATED;

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
    public static EngagementSource fromWire(String value) {
        return EnumWire.parse(EngagementSource.class, value);
    }
}
