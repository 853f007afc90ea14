package dev.cpo.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import dev.cpo.events.JsonPaths.Path;
import dev.cpo.events.Samples.Sample;

/**
 * Keeps the published JSON Schemas and the records in step: for every sample, every field is required by the schema
 * exactly when the codec requires it, and wrong types and invariant violations are rejected by both.
 */
class SchemaContractTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    static Stream<Sample> samples() {
        return Samples.all().stream();
    }

    private static JsonNode json(CpoEvent event) throws Exception {
        return EventCodec.mapper().readTree(EventCodec.encode(event));
    }

    private static byte[] bytes(JsonNode node) throws Exception {
        return EventCodec.mapper().writeValueAsBytes(node);
    }

    /** Null when the codec accepts the payload, else the reason. */
    private static String codecRejection(JsonNode node, Class<? extends CpoEvent> type) throws Exception {
        try {
            EventCodec.decode(bytes(node), type);
            return null;
        } catch (InvalidEventException e) {
            return e.reason();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everyTopicHasASchemaAndItsFullyPopulatedSampleValidates(Sample sample) throws Exception {
        assertThat(Schemas.class.getResource(Schemas.resource(sample.topic()))).isNotNull();
        assertThat(Schemas.raw(sample.topic()).path("$schema").asText())
                .isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(Schemas.validate(sample.topic(), json(sample.event()))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void sampleRoundTripsThroughTheCodecToAnEqualEventAndIdenticalBytes(Sample sample) {
        byte[] encoded = EventCodec.encode(sample.event());
        CpoEvent decoded = EventCodec.decode(encoded, sample.type());
        assertThat(decoded).isEqualTo(sample.event());
        assertThat(EventCodec.encode(decoded)).isEqualTo(encoded);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void removingAnySchemaRequiredFieldFailsTheSchemaAndTheCodecWithAReasonNamingTheField(Sample sample)
            throws Exception {
        JsonNode json = json(sample.event());
        SoftAssertions soft = new SoftAssertions();
        int required = 0;
        for (Path path : JsonPaths.all(json)) {
            if (!Schemas.isRequired(sample.topic(), path)) {
                continue;
            }
            required++;
            JsonNode mutated = JsonPaths.without(json, path);
            soft.assertThat(Schemas.accepts(sample.topic(), mutated)).as("schema accepts without %s", path)
                    .isFalse();
            soft.assertThat(codecRejection(mutated, sample.type())).as("codec reason without %s", path)
                    .isEqualTo("missing required field '" + path + "'");
        }
        soft.assertAll();
        // the envelope alone has four required fields
        assertThat(required).isGreaterThanOrEqualTo(5);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void removingOrNullingAnyFieldIsAcceptedByTheSchemaExactlyWhenTheCodecAcceptsIt(Sample sample)
            throws Exception {
        JsonNode json = json(sample.event());
        SoftAssertions soft = new SoftAssertions();
        int accepted = 0;
        int rejected = 0;
        for (Path path : JsonPaths.all(json)) {
            for (JsonNode mutated : List.of(JsonPaths.without(json, path),
                    JsonPaths.replaced(json, path, NODES.nullNode()))) {
                boolean schema = Schemas.accepts(sample.topic(), mutated);
                String codec = codecRejection(mutated, sample.type());
                soft.assertThat(schema).as("schema verdict for %s removed/null; codec said %s", path, codec)
                        .isEqualTo(codec == null);
                if (codec == null) {
                    accepted++;
                } else {
                    rejected++;
                    soft.assertThat(codec).as("reason for %s", path).contains("'" + path);
                }
            }
        }
        soft.assertAll();
        assertThat(accepted).as("optional fields exercised").isPositive();
        assertThat(rejected).as("required fields exercised").isPositive();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void wrongJsonTypesAnywhereAreRejectedByTheSchemaAndTheCodecNamingTheField(Sample sample) throws Exception {
        JsonNode json = json(sample.event());
        SoftAssertions soft = new SoftAssertions();
        int checked = 0;
        for (Path path : JsonPaths.all(json)) {
            JsonNode schema = Schemas.schemaAt(sample.topic(), path);
            for (JsonNode wrong : wrongValuesFor(json.at(pointer(path)), schema)) {
                checked++;
                JsonNode mutated = JsonPaths.replaced(json, path, wrong);
                soft.assertThat(Schemas.accepts(sample.topic(), mutated)).as("schema accepts %s = %s", path, wrong)
                        .isFalse();
                soft.assertThat(codecRejection(mutated, sample.type())).as("codec reason for %s = %s", path, wrong)
                        .isNotNull().contains("'" + path + "'");
            }
        }
        soft.assertAll();
        assertThat(checked).isGreaterThan(20);
    }

    /** Values of a JSON type the schema does not allow at that place. */
    private static List<JsonNode> wrongValuesFor(JsonNode value, JsonNode schema) {
        List<JsonNode> wrong = new ArrayList<>();
        if (value.isTextual()) {
            wrong.add(NODES.numberNode(5));
            wrong.add(NODES.booleanNode(true));
            wrong.add(NODES.objectNode());
        } else if (value.isIntegralNumber() && Schemas.allowsType(schema, "integer")) {
            wrong.add(TextNode.valueOf("5"));
            wrong.add(TextNode.valueOf("five"));
            wrong.add(NODES.numberNode(5.5));
            wrong.add(NODES.booleanNode(true));
        } else if (value.isNumber()) {
            wrong.add(TextNode.valueOf("5"));
            wrong.add(NODES.booleanNode(false));
        } else if (value.isBoolean()) {
            wrong.add(TextNode.valueOf("yes"));
            wrong.add(TextNode.valueOf("true"));
            wrong.add(NODES.numberNode(1));
        } else if (value.isObject()) {
            wrong.add(TextNode.valueOf("x"));
            wrong.add(NODES.arrayNode());
            wrong.add(NODES.numberNode(5));
        } else if (value.isArray()) {
            wrong.add(TextNode.valueOf("x"));
            wrong.add(NODES.objectNode());
        }
        return wrong;
    }

    private static String pointer(Path path) {
        StringBuilder b = new StringBuilder();
        path.segments().forEach(s -> b.append('/').append(s));
        return b.toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void schemaDeclaresEveryPropertyTheCodecWrites(Sample sample) throws Exception {
        JsonNode json = json(sample.event());
        SoftAssertions soft = new SoftAssertions();
        for (Path path : JsonPaths.all(json)) {
            soft.assertThat(Schemas.schemaAt(sample.topic(), path)).as("schema for %s", path).isNotNull();
        }
        soft.assertAll();
    }

    static Stream<Arguments> topicsAndTypes() {
        return Topics.PIPELINE.stream().map(t -> Arguments.of(t, Topics.eventType(t)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topicsAndTypes")
    void schemaPropertiesAndRecordComponentsMatchOneToOneAtEveryLevel(String topic, Class<?> type) {
        SoftAssertions soft = new SoftAssertions();
        compare(topic, JsonPaths.ROOT, type, soft);
        soft.assertAll();
    }

    private static void compare(String topic, Path path, Class<?> record, SoftAssertions soft) {
        JsonNode schema = Schemas.schemaAt(topic, path);
        Set<String> components = new TreeSet<>();
        for (RecordComponent c : record.getRecordComponents()) {
            components.add(c.getName());
        }
        Set<String> properties = new TreeSet<>();
        schema.path("properties").fieldNames().forEachRemaining(properties::add);
        soft.assertThat(properties).as("schema properties at '%s' vs components of %s", path,
                record.getSimpleName()).isEqualTo(components);
        for (RecordComponent c : record.getRecordComponents()) {
            Type generic = c.getGenericType();
            if (c.getType().isRecord()) {
                compare(topic, path.child(c.getName()), c.getType(), soft);
            } else if (c.getType() == List.class && generic instanceof ParameterizedType p
                    && p.getActualTypeArguments()[0] instanceof Class<?> element && element.isRecord()) {
                compare(topic, path.child(c.getName()).child(0), element, soft);
            } else if (c.getType().isEnum()) {
                JsonNode enumSchema = Schemas.schemaAt(topic, path.child(c.getName()));
                List<String> values = new ArrayList<>();
                enumSchema.path("enum").forEach(v -> {
                    if (!v.isNull()) {
                        values.add(v.asText());
                    }
                });
                soft.assertThat(values).as("enum values of %s", path.child(c.getName()))
                        .isEqualTo(EnumWire.allowed(c.getType()));
            } else if (c.getType() == Map.class) {
                JsonNode keys = Schemas.schemaAt(topic, path.child(c.getName())).path("propertyNames").path("enum");
                List<String> values = new ArrayList<>();
                keys.forEach(v -> values.add(v.asText()));
                Class<?> keyType = (Class<?>) ((ParameterizedType) generic).getActualTypeArguments()[0];
                soft.assertThat(values).as("map keys of %s", path.child(c.getName()))
                        .isEqualTo(EnumWire.allowed(keyType));
            }
        }
    }

    @Test
    void customerWithNeitherActivityNorTransactionsIsRejectedBySchemaAndCodec() throws Exception {
        ObjectNode json = (ObjectNode) json(Samples.customer());
        json.remove("activity");
        json.remove("transactions");
        assertThat(Schemas.accepts(Topics.CUSTOMERS, json)).isFalse();
        assertThat(codecRejection(json, CustomerEvent.class))
                .isEqualTo("at least one of 'activity' or a non-empty 'transactions' is required");

        json.set("transactions", NODES.arrayNode());
        assertThat(Schemas.accepts(Topics.CUSTOMERS, json)).isFalse();
        assertThat(codecRejection(json, CustomerEvent.class)).isNotNull();
    }

    @Test
    void customerWithOnlyTransactionsOrOnlyActivityIsAcceptedBySchemaAndCodec() throws Exception {
        ObjectNode onlyTransactions = (ObjectNode) json(Samples.customer());
        onlyTransactions.remove("activity");
        assertThat(Schemas.accepts(Topics.CUSTOMERS, onlyTransactions)).isTrue();
        assertThat(codecRejection(onlyTransactions, CustomerEvent.class)).isNull();

        ObjectNode onlyActivity = (ObjectNode) json(Samples.customer());
        onlyActivity.remove("transactions");
        assertThat(Schemas.accepts(Topics.CUSTOMERS, onlyActivity)).isTrue();
        assertThat(codecRejection(onlyActivity, CustomerEvent.class)).isNull();
    }

    static Stream<Arguments> invariantViolations() {
        return Stream.of(
                Arguments.of(Topics.CUSTOMERS, "activity.totalSpend", NODES.numberNode(-0.01),
                        "field 'activity.totalSpend' must not be negative"),
                Arguments.of(Topics.CUSTOMERS, "activity.orderCount", NODES.numberNode(-1),
                        "field 'activity.orderCount' must not be negative"),
                Arguments.of(Topics.CUSTOMERS, "activity.orderCount", NODES.numberNode(99_999_999_999L),
                        "field 'activity.orderCount' must be an integer within range"),
                Arguments.of(Topics.CUSTOMERS, "customerId", TextNode.valueOf("x".repeat(129)),
                        "field 'customerId' must be at most 128 characters"),
                Arguments.of(Topics.CUSTOMERS, "customerId", TextNode.valueOf("   "),
                        "field 'customerId' must not be blank"),
                Arguments.of(Topics.CUSTOMERS, "schemaVersion", NODES.numberNode(0),
                        "field 'schemaVersion' must be at least 1"),
                Arguments.of(Topics.CUSTOMERS, "profile.country", TextNode.valueOf("gb"),
                        "field 'profile.country' must be an upper-case ISO 3166-1 alpha-2 code"),
                Arguments.of(Topics.CUSTOMERS, "profile.email", TextNode.valueOf("ada at example"),
                        "field 'profile.email' must be an e-mail address"),
                Arguments.of(Topics.CUSTOMERS, "activity.currency", TextNode.valueOf("Euro"),
                        "field 'activity.currency' must be an upper-case ISO 4217 code"),
                Arguments.of(Topics.CUSTOMERS, "occurredAt", TextNode.valueOf("2025-03-01 06:00"),
                        "field 'occurredAt' must be an ISO-8601 timestamp with offset, e.g. 2025-03-01T09:30:00Z"),
                Arguments.of(Topics.CUSTOMERS, "eventId", TextNode.valueOf("not-a-uuid"),
                        "field 'eventId' must be a UUID string"),
                Arguments.of(Topics.CUSTOMERS, "transactions.0.orderId", TextNode.valueOf(""),
                        "field 'transactions[0].orderId' must not be blank"),
                Arguments.of(Topics.SEGMENTS, "features.frequency", NODES.numberNode(-3),
                        "field 'features.frequency' must not be negative"),
                Arguments.of(Topics.SEGMENTS, "segment.id", TextNode.valueOf(" "),
                        "field 'segment.id' must not be blank"),
                Arguments.of(Topics.CONTENT, "snippets.1.score", NODES.numberNode(1.5),
                        "field 'snippets[1].score' must be between 0 and 1"),
                Arguments.of(Topics.VARIANTS, "variants.0.citations.0.marker", NODES.numberNode(0),
                        "field 'variants[0].citations[0].marker' must be at least 1"),
                Arguments.of(Topics.VARIANTS, "variants.0.tone", TextNode.valueOf("sarcastic"),
                        "field 'variants[0].tone' must be one of [urgent, informational, friendly]"),
                Arguments.of(Topics.SCREENED, "variants.0.verdict.severities.violence", NODES.numberNode(8),
                        "field 'variants[0].verdict.severities.violence' must be an integer between 0 and 7"),
                Arguments.of(Topics.SCREENED, "variants.1.verdict.decision", TextNode.valueOf("maybe"),
                        "field 'variants[1].verdict.decision' must be one of [pass, block]"),
                Arguments.of(Topics.ASSIGNMENTS, "kind", TextNode.valueOf("control"),
                        "field 'tone' must be absent for a control assignment"),
                Arguments.of(Topics.ENGAGEMENT, "revenue", NODES.numberNode(-5),
                        "field 'revenue' must not be negative"),
                Arguments.of(Topics.ENGAGEMENT, "type", TextNode.valueOf("bounced"),
                        "field 'type' must be one of [delivered, opened, clicked, converted]"));
    }

    @ParameterizedTest(name = "{0}: {1} = {2}")
    @MethodSource("invariantViolations")
    void invariantViolationsAreRejectedByTheSchemaAndTheCodecWithTheExactReason(String topic, String dotted,
            JsonNode value, String reason) throws Exception {
        CpoEvent sample = Samples.all().stream().filter(s -> s.topic().equals(topic)).findFirst().orElseThrow()
                .event();
        List<Object> segments = new ArrayList<>();
        for (String s : dotted.split("\\.")) {
            segments.add(s.matches("\\d+") ? (Object) Integer.valueOf(s) : s);
        }
        JsonNode mutated = JsonPaths.replaced(json(sample), new Path(segments), value);

        assertThat(Schemas.accepts(topic, mutated)).as("schema accepts").isFalse();
        assertThat(codecRejection(mutated, sample.getClass())).isEqualTo(reason);
    }

    @Test
    void theCodecToleratesUnknownFieldsAtEveryLevelAndSoDoesTheSchema() throws Exception {
        int objects = 0;
        for (Sample sample : Samples.all()) {
            JsonNode json = json(sample.event());
            List<Path> paths = new ArrayList<>(JsonPaths.all(json));
            paths.add(JsonPaths.ROOT);
            for (Path path : paths) {
                JsonNode node = JsonPaths.get(json, path);
                // severities is a map keyed by harm category, not an object with fields
                if (!node.isObject() || path.toString().endsWith("severities")) {
                    continue;
                }
                objects++;
                JsonNode mutated = json.deepCopy();
                ObjectNode target = (ObjectNode) JsonPaths.get(mutated, path);
                target.put("addedInAFutureVersion", "ignored");
                target.set("addedObject", NODES.objectNode().put("nested", 1));
                assertThat(Schemas.accepts(sample.topic(), mutated)).as("%s at '%s'", sample, path).isTrue();
                assertThat(EventCodec.decode(bytes(mutated), sample.type())).as("%s at '%s'", sample, path)
                        .isEqualTo(sample.event());
            }
        }
        // the top level of seven events plus their nested objects (segment, features, variant, ...)
        assertThat(objects).isGreaterThan(30);
    }

    @Test
    void aWrongTypeForARequiredPrimitiveIsReportedAsAWrongTypeNotAsMissing() throws Exception {
        JsonNode json = JsonPaths.replaced(json(Samples.customer()), new Path(List.of("activity", "orderCount")),
                TextNode.valueOf("five"));
        InvalidEventException e = catchThrowableOfType(InvalidEventException.class,
                () -> EventCodec.decode(bytes(json), CustomerEvent.class));
        assertThat(e.reason()).isEqualTo("field 'activity.orderCount' must be an integer");
        assertThatThrownBy(() -> EventCodec.decode(bytes(JsonPaths.without(json, new Path(List.of("activity",
                "orderCount")))), CustomerEvent.class))
                .hasMessage("missing required field 'activity.orderCount'");
    }
}
