package dev.cpo.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/** Field checks shared by the records' compact constructors. Messages never include values. */
final class Checks {

    static final int MAX_CUSTOMER_ID_LENGTH = 128;

    private Checks() {
    }

    static void envelope(UUID eventId, int schemaVersion, Instant occurredAt, String customerId) {
        required("eventId", eventId);
        if (schemaVersion < 1) {
            throw InvalidFieldException.invalid("schemaVersion", "must be at least 1");
        }
        required("occurredAt", occurredAt);
        nonBlank("customerId", customerId);
        if (customerId.codePointCount(0, customerId.length()) > MAX_CUSTOMER_ID_LENGTH) {
            throw InvalidFieldException.invalid("customerId",
                    "must be at most " + MAX_CUSTOMER_ID_LENGTH + " characters");
        }
    }

    static <T> T required(String field, T value) {
        if (value == null) {
            throw InvalidFieldException.missing(field);
        }
        return value;
    }

    static String nonBlank(String field, String value) {
        required(field, value);
        if (value.isBlank()) {
            throw InvalidFieldException.invalid(field, "must not be blank");
        }
        return value;
    }

    static String matches(String field, String value, Pattern pattern, String description) {
        if (value != null && !pattern.matcher(value).matches()) {
            throw InvalidFieldException.invalid(field, "must be " + description);
        }
        return value;
    }

    static void nonNegative(String field, long value) {
        if (value < 0) {
            throw InvalidFieldException.invalid(field, "must not be negative");
        }
    }

    static void nonNegative(String field, Integer value) {
        if (value != null && value < 0) {
            throw InvalidFieldException.invalid(field, "must not be negative");
        }
    }

    static void nonNegative(String field, BigDecimal value) {
        if (value != null && value.signum() < 0) {
            throw InvalidFieldException.invalid(field, "must not be negative");
        }
    }

    static void atLeast(String field, int value, int min) {
        if (value < min) {
            throw InvalidFieldException.invalid(field, "must be at least " + min);
        }
    }

    /** Null becomes an empty list; a null element is rejected; the result is immutable. */
    static <T> List<T> list(String field, List<T> value) {
        if (value == null) {
            return List.of();
        }
        for (int i = 0; i < value.size(); i++) {
            if (value.get(i) == null) {
                throw InvalidFieldException.invalid(field + "[" + i + "]", "must not be null");
            }
        }
        return List.copyOf(value);
    }

    /** Null becomes an empty map; keys in enum order; values must lie in [min, max]; the result is immutable. */
    static <K extends Enum<K>> Map<K, Integer> enumMap(String field, Class<K> keyType, Map<K, Integer> value,
            int min, int max) {
        if (value == null || value.isEmpty()) {
            return Map.of();
        }
        EnumMap<K, Integer> copy = new EnumMap<>(keyType);
        for (Map.Entry<K, Integer> entry : value.entrySet()) {
            if (entry.getKey() == null) {
                throw InvalidFieldException.invalid(field, "must not have a null key");
            }
            String entryField = field + "." + EnumWire.name(entry.getKey());
            Integer v = entry.getValue();
            if (v == null || v < min || v > max) {
                throw InvalidFieldException.invalid(entryField, "must be an integer between " + min + " and " + max);
            }
            copy.put(entry.getKey(), v);
        }
        return Collections.unmodifiableMap(copy);
    }
}
