package dev.cpo.events;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Encodes events to JSON and decodes them back, strictly.
 *
 * <p>Rules of the {@link #mapper() mapper}: unknown properties are ignored (so producers can add fields); wrong JSON
 * types are rejected, never coerced (no {@code "5"} for a number, no {@code 5} for a string, no {@code 5.5} for an
 * integer, no {@code "yes"} for a boolean); a missing or null primitive is rejected; instants are ISO-8601 strings
 * with an offset (e.g. {@code "2025-03-01T09:30:00Z"}); money is {@link BigDecimal} written as a plain JSON number;
 * nulls are not written; JSON trees read with it keep decimals exact; enums are lower case on write and
 * case-insensitive on read; duplicate keys and trailing content are rejected.
 *
 * <p>Thread-safe; all methods are static.
 */
public final class EventCodec {

    private static final ObjectMapper MAPPER = createMapper();
    // Readers and writers snapshot the configuration: a caller reconfiguring mapper() cannot change the contract.
    // Trailing content is checked by decode itself, after the object, to report it as such.
    private static final ObjectReader READER = MAPPER.reader()
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final ObjectWriter WRITER = MAPPER.writer();
    private static final Map<Class<?>, ObjectReader> READERS = new ConcurrentHashMap<>();

    private static final Pattern QUOTED_TOKEN = Pattern.compile("Unrecognized token '[^']*'");
    private static final int MAX_DETAIL = 160;

    private EventCodec() {
    }

    /**
     * The configured mapper, shared and thread-safe. Use it to read or write the contract's types elsewhere (e.g. a
     * REST response); do not reconfigure it: {@code mapper().copy()} gives a private copy to customise.
     *
     * @return the shared mapper
     */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Encodes an event as UTF-8 JSON.
     *
     * @param event the event, not null
     * @return the JSON bytes
     */
    public static byte[] encode(CpoEvent event) {
        Objects.requireNonNull(event, "event");
        try {
            return WRITER.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + event.getClass().getSimpleName(), e);
        }
    }

    /**
     * Decodes and validates an event.
     *
     * @param json UTF-8 JSON bytes (may be null or empty: rejected)
     * @param type the event type expected, not null
     * @param <T> the event type
     * @return the event, never null
     * @throws InvalidEventException for every kind of bad input, with a value-free {@link
     *         InvalidEventException#reason() reason} naming the field path
     */
    public static <T extends CpoEvent> T decode(byte[] json, Class<T> type) throws InvalidEventException {
        Objects.requireNonNull(type, "type");
        if (json == null || json.length == 0) {
            throw new InvalidEventException("empty payload");
        }
        ObjectReader reader = READERS.computeIfAbsent(type, READER::forType);
        JsonParser parser = null;
        try {
            parser = reader.createParser(json);
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new InvalidEventException("empty payload");
            }
            if (first != JsonToken.START_OBJECT) {
                throw new InvalidEventException("payload must be a JSON object");
            }
            T event = reader.readValue(parser);
            if (parser.nextToken() != null) {
                throw new InvalidEventException("not valid JSON: unexpected content after the object");
            }
            return event;
        } catch (InvalidEventException e) {
            throw e;
        } catch (IOException e) {
            // Translated while the parser is still open: its current token tells a missing value from a wrong one.
            throw translate(e);
        } catch (RuntimeException e) {
            // Nothing a payload does should get here; still, bad input must only ever yield InvalidEventException.
            throw new InvalidEventException("cannot decode " + type.getSimpleName() + ": "
                    + e.getClass().getSimpleName());
        } finally {
            closeQuietly(parser);
        }
    }

    private static void closeQuietly(JsonParser parser) {
        if (parser != null) {
            try {
                parser.close();
            } catch (IOException ignored) {
                // reading from a byte array: nothing to release
            }
        }
    }

    private static InvalidEventException translate(IOException e) {
        String path = e instanceof JsonMappingException mapping ? path(mapping.getPath()) : "";
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InvalidFieldException violation) {
                return new InvalidEventException(violation.reasonAt(path), violation);
            }
            if (t instanceof InputCoercionException coercion) {
                JsonParser parser = coercion.getProcessor();
                String at = parser == null ? path : path(parser.getParsingContext());
                return new InvalidEventException(
                        "field '" + at + "' must be " + describe(coercion.getTargetType()) + " within range");
            }
            if (t instanceof StreamReadException read) {
                return new InvalidEventException(notValidJson(read));
            }
        }
        if (!(e instanceof JsonMappingException)) {
            return new InvalidEventException("cannot read payload: " + e.getClass().getSimpleName());
        }
        if (path.isEmpty()) {
            return new InvalidEventException("payload must be a JSON object");
        }
        if (e instanceof MismatchedInputException mismatch) {
            Class<?> target = mismatch.getTargetType();
            if (target != null && target.isPrimitive() && isNullOrAbsent(mismatch)) {
                return new InvalidEventException("missing required field '" + path + "'");
            }
            if (target != null && target.isEnum()) {
                return new InvalidEventException((isMapKeyProblem(mismatch) ? "keys of field '" : "field '") + path
                        + "' must be one of " + EnumWire.allowed(target));
            }
            return new InvalidEventException("field '" + path + "' must be " + describe(target));
        }
        return new InvalidEventException("field '" + path + "' is invalid");
    }

    private static boolean isNullOrAbsent(MismatchedInputException e) {
        if (e.getProcessor() instanceof JsonParser parser) {
            JsonToken token = parser.currentToken();
            return token == JsonToken.VALUE_NULL || token == JsonToken.END_OBJECT;
        }
        return false;
    }

    private static boolean isMapKeyProblem(MismatchedInputException e) {
        return e.getProcessor() instanceof JsonParser parser && parser.currentToken() == JsonToken.FIELD_NAME;
    }

    private static String notValidJson(StreamReadException e) {
        String detail = Objects.requireNonNullElse(e.getOriginalMessage(), "malformed");
        int newline = detail.indexOf('\n');
        if (newline >= 0) {
            detail = detail.substring(0, newline);
        }
        // A bare word in broken JSON may be a value; never echo it.
        detail = QUOTED_TOKEN.matcher(detail).replaceAll("Unrecognized token");
        if (detail.length() > MAX_DETAIL) {
            detail = detail.substring(0, MAX_DETAIL) + "...";
        }
        JsonLocation location = e.getLocation();
        if (location != null && location.getLineNr() > 0) {
            detail += " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
        }
        return "not valid JSON: " + detail;
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "of the expected type";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class
                || type == short.class || type == Short.class || type == BigInteger.class) {
            return "an integer";
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class
                || type == BigDecimal.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "a boolean";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Instant.class) {
            return "an ISO-8601 timestamp with offset, e.g. 2025-03-01T09:30:00Z";
        }
        if (type == UUID.class) {
            return "a UUID string";
        }
        if (type.isEnum()) {
            return "one of " + EnumWire.allowed(type);
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "an object";
    }

    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String path(JsonStreamContext context) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inObject() && c.getCurrentName() != null) {
                parts.push("." + c.getCurrentName());
            } else if (c.inArray()) {
                parts.push("[" + Math.max(c.getCurrentIndex(), 0) + "]");
            }
        }
        String joined = String.join("", parts);
        return joined.startsWith(".") ? joined.substring(1) : joined;
    }

    private static ObjectMapper createMapper() {
        SimpleModule strictInstants = new SimpleModule("cpo-strict-instants");
        strictInstants.addDeserializer(Instant.class, new StrictInstantDeserializer());
        JsonMapper mapper = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(strictInstants)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                // Trees and maps read with this mapper keep decimals exact (money): 1249.50 stays 1249.50.
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .build();
        // Scalars never become strings, and strings never become scalars (the latter via ALLOW_COERCION_OF_SCALARS).
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Enum)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        return mapper;
    }

    /** Instants only from ISO-8601 strings with an offset; numbers (epoch values) are rejected. */
    private static final class StrictInstantDeserializer extends StdScalarDeserializer<Instant> {

        private static final long serialVersionUID = 1L;

        StrictInstantDeserializer() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
            }
            String text = p.getText();
            try {
                return DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text, Instant::from);
            } catch (DateTimeParseException e) {
                throw ctxt.weirdStringException(text, Instant.class, "not an ISO-8601 timestamp with offset");
            }
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.DateTime;
        }
    }
}
