package dev.cpo.events;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What happened to a delivered message.
 *
 * <p>JSON: the constant's name in lower case; reading is case-insensitive, an unknown value is rejected.
 */
public enum EngagementType {
    /** Accepted by the recipient's mailbox. */
    DELIVERED,
    /** Opened. */
    OPENED,
    /** A link was clicked. */
    CLICKED,
    /** The customer bought; may carry revenue. */
    CONVERTED;

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
    public static EngagementType fromWire(String value) {
        return EnumWire.parse(EngagementType.class, value);
    }
}
