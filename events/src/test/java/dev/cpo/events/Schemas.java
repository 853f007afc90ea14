package dev.cpo.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/** The published JSON Schemas, loaded from the classpath exactly as consumers of the jar see them. */
final class Schemas {

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .build();
    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();
    private static final Map<String, JsonNode> RAW = new ConcurrentHashMap<>();

    private Schemas() {
    }

    static String resource(String topic) {
        return "/schemas/" + topic + ".schema.json";
    }

    static Set<ValidationMessage> validate(String topic, JsonNode json) {
        return SCHEMAS.computeIfAbsent(topic, t -> FACTORY.getSchema(raw(t), CONFIG)).validate(json);
    }

    static boolean accepts(String topic, JsonNode json) {
        return validate(topic, json).isEmpty();
    }

    static JsonNode raw(String topic) {
        return RAW.computeIfAbsent(topic, t -> {
            try (InputStream in = Schemas.class.getResourceAsStream(resource(t))) {
                if (in == null) {
                    throw new IllegalStateException("no schema on the classpath for topic " + t);
                }
                return EventCodec.mapper().readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * The schema that applies to the node at a path of a sample: follows properties, items, map values,
     * local {@code $ref}s and the non-null branch of {@code anyOf}.
     */
    static JsonNode schemaAt(String topic, JsonPaths.Path path) {
        JsonNode root = raw(topic);
        JsonNode s = resolve(root, root);
        for (Object segment : path.segments()) {
            if (segment instanceof Integer) {
                s = s.get("items");
            } else if (s.path("properties").has((String) segment)) {
                s = s.get("properties").get((String) segment);
            } else if (s.path("additionalProperties").isObject()) {
                s = s.get("additionalProperties");
            } else {
                return null;
            }
            s = resolve(root, s);
        }
        return s;
    }

    static boolean isRequired(String topic, JsonPaths.Path path) {
        JsonNode parent = schemaAt(topic, path.parent());
        if (parent == null || !(path.last() instanceof String name)) {
            return false;
        }
        for (JsonNode r : parent.path("required")) {
            if (r.asText().equals(name)) {
                return true;
            }
        }
        return false;
    }

    static boolean allowsType(JsonNode schema, String type) {
        JsonNode t = schema.path("type");
        if (t.isTextual()) {
            return t.asText().equals(type);
        }
        for (Iterator<JsonNode> it = t.elements(); it.hasNext();) {
            if (it.next().asText().equals(type)) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode resolve(JsonNode root, JsonNode s) {
        while (true) {
            if (s.has("$ref")) {
                String ref = s.get("$ref").asText();
                if (!ref.startsWith("#/$defs/")) {
                    throw new IllegalStateException("only local $defs references are expected: " + ref);
                }
                s = root.get("$defs").get(ref.substring("#/$defs/".length()));
            } else if (s.has("anyOf") && !s.has("properties")) {
                JsonNode nonNull = null;
                for (JsonNode branch : s.get("anyOf")) {
                    if (!"null".equals(branch.path("type").asText())) {
                        nonNull = branch;
                    }
                }
                s = nonNull;
            } else {
                return s;
            }
        }
    }
}
