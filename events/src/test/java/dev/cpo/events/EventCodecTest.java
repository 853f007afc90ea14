package dev.cpo.events;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;

class EventCodecTest {

    private static final String CUSTOMER = new String(EventCodec.encode(Samples.customer()), UTF_8);

    private static InvalidEventException rejection(String json, Class<? extends CpoEvent> type) {
        try {
            EventCodec.decode(json == null ? null : json.getBytes(UTF_8), type);
        } catch (InvalidEventException e) {
            return e;
        }
        throw new AssertionError("expected the payload to be rejected: " + json);
    }

    private static String customerWith(String original, String replacement) {
        assertThat(CUSTOMER).contains(original);
        return CUSTOMER.replace(original, replacement);
    }

    @ParameterizedTest(name = "orderCount {0}")
    @ValueSource(strings = {"\"five\"", "\"5\"", "5.5", "5.0", "true", "[5]", "{}"})
    void orderCountOfAnyTypeButAnIntegerIsRejected(String value) {
        assertThat(rejection(customerWith("\"orderCount\":7", "\"orderCount\":" + value), CustomerEvent.class)
                .reason()).isEqualTo("field 'activity.orderCount' must be an integer");
    }

    @ParameterizedTest(name = "emailMarketing {0}")
    @ValueSource(strings = {"\"yes\"", "\"true\"", "1", "0"})
    void emailMarketingMustBeAJsonBoolean(String value) {
        assertThat(rejection(customerWith("\"emailMarketing\":true", "\"emailMarketing\":" + value),
                CustomerEvent.class).reason()).isEqualTo("field 'consent.emailMarketing' must be a boolean");
    }

    @Test
    void missingOrNullConsentFlagIsMissingNotSilentlyFalse() {
        assertThat(rejection(customerWith("\"emailMarketing\":true,", ""), CustomerEvent.class).reason())
                .isEqualTo("missing required field 'consent.emailMarketing'");
        assertThat(rejection(customerWith("\"emailMarketing\":true", "\"emailMarketing\":null"),
                CustomerEvent.class).reason()).isEqualTo("missing required field 'consent.emailMarketing'");
    }

    @Test
    void moneyGivenAsAStringIsRejectedAndNumbersAreNotCoercedIntoStrings() {
        assertThat(rejection(customerWith("\"totalSpend\":1249.50", "\"totalSpend\":\"1249.50\""),
                CustomerEvent.class).reason()).isEqualTo("field 'activity.totalSpend' must be a number");
        assertThat(rejection(customerWith("\"customerId\":\"C-000184223\"", "\"customerId\":184223"),
                CustomerEvent.class).reason()).isEqualTo("field 'customerId' must be a string");
    }

    @Test
    void epochNumbersAndDatesWithoutOffsetAreNotInstants() {
        String at = "\"occurredAt\":\"2025-03-01T06:00:00Z\"";
        for (String bad : List.of("1740808800", "\"2025-03-01\"", "\"2025-03-01T06:00:00\"")) {
            assertThat(rejection(customerWith(at, "\"occurredAt\":" + bad), CustomerEvent.class).reason())
                    .startsWith("field 'occurredAt' must be an ISO-8601 timestamp");
        }
    }

    @Test
    void instantsWithAnyOffsetAreReadAndWrittenAsUtcIsoStrings() {
        CustomerEvent event = EventCodec.decode(
                customerWith("\"occurredAt\":\"2025-03-01T06:00:00Z\"",
                        "\"occurredAt\":\"2025-03-01T07:00:00+01:00\"").getBytes(UTF_8),
                CustomerEvent.class);
        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2025-03-01T06:00:00Z"));
        assertThat(new String(EventCodec.encode(event), UTF_8)).contains("\"occurredAt\":\"2025-03-01T06:00:00Z\"");
    }

    @Test
    void moneyKeepsItsExactDecimalsAndIsWrittenPlain() {
        EngagementEvent e = Samples.engagement();
        EngagementEvent big = new EngagementEvent(e.eventId(), 1, e.occurredAt(), e.customerId(), e.experimentId(),
                e.arm(), null, null, EngagementType.CONVERTED, new BigDecimal("1E+3"), EngagementSource.LIVE);
        assertThat(new String(EventCodec.encode(big), UTF_8)).contains("\"revenue\":1000");
        CustomerEvent decoded = EventCodec.decode(
                customerWith("\"totalSpend\":1249.50", "\"totalSpend\":0.10000000000000000555").getBytes(UTF_8),
                CustomerEvent.class);
        assertThat(decoded.activity().totalSpend()).isEqualTo(new BigDecimal("0.10000000000000000555"));
    }

    @Test
    void nullsAreNotWrittenAndAbsentListsAreReadAsEmpty() {
        String control = new String(EventCodec.encode(Samples.controlAssignment()), UTF_8);
        assertThat(control).doesNotContain("null").doesNotContain("\"tone\"").doesNotContain("\"variantId\"");

        String withoutTransactions = customerWith(CUSTOMER.substring(CUSTOMER.indexOf(",\"transactions\"")), "}");
        CustomerEvent event = EventCodec.decode(withoutTransactions.getBytes(UTF_8), CustomerEvent.class);
        assertThat(event.transactions()).isEmpty();
    }

    @Test
    void enumsAreWrittenLowerCaseAndReadCaseInsensitively() {
        String screened = new String(EventCodec.encode(Samples.screened()), UTF_8);
        assertThat(screened).contains("\"tone\":\"friendly\"", "\"decision\":\"block\"", "\"self_harm\":0");
        String shouting = screened.replace("\"tone\":\"friendly\"", "\"tone\":\"FRIENDLY\"")
                .replace("\"decision\":\"block\"", "\"decision\":\"Block\"")
                .replace("\"self_harm\":0", "\"SELF_HARM\":0");
        assertThat(EventCodec.decode(shouting.getBytes(UTF_8), ScreenedEvent.class)).isEqualTo(Samples.screened());
    }

    @Test
    void unknownEnumValuesAndMapKeysAreRejectedListingTheAllowedValues() {
        String screened = new String(EventCodec.encode(Samples.screened()), UTF_8);
        assertThat(rejection(screened.replace("\"tone\":\"friendly\"", "\"tone\":\"angry\""), ScreenedEvent.class)
                .reason())
                .isEqualTo("field 'variants[0].variant.tone' must be one of [urgent, informational, friendly]");
        assertThat(rejection(screened.replace("\"tone\":\"friendly\"", "\"tone\":0"), ScreenedEvent.class)
                .reason())
                .isEqualTo("field 'variants[0].variant.tone' must be one of [urgent, informational, friendly]");
        assertThat(rejection(screened.replace("\"self_harm\":0", "\"selfharm\":0"), ScreenedEvent.class).reason())
                .isEqualTo("keys of field 'variants[0].verdict.severities' must be one of "
                        + "[hate, self_harm, sexual, violence]");
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', value = {
            "''|empty payload",
            "'   \n\t'|empty payload",
            "[1, 2]|payload must be a JSON object",
            "\"customer\"|payload must be a JSON object",
            "null|payload must be a JSON object",
            "42|payload must be a JSON object",
            "{\"eventId\": |not valid JSON: ",
            "hello|not valid JSON: ",
            "{'eventId': 1}|not valid JSON: "})
    void payloadsThatAreNotOneJsonObjectAreRejected(String payload, String reason) {
        assertThat(rejection(payload, CustomerEvent.class).reason()).startsWith(reason);
    }

    @Test
    void aValidEventFollowedByMoreContentIsRejected() {
        assertThat(rejection(CUSTOMER + " {}", CustomerEvent.class).reason())
                .isEqualTo("not valid JSON: unexpected content after the object");
        assertThat(rejection(CUSTOMER + " x", CustomerEvent.class).reason()).startsWith("not valid JSON: ");
        assertThat(EventCodec.decode((CUSTOMER + " \n").getBytes(UTF_8), CustomerEvent.class))
                .isEqualTo(Samples.customer());
    }

    @Test
    void nullPayloadIsRejectedAsEmpty() {
        assertThat(rejection(null, CustomerEvent.class).reason()).isEqualTo("empty payload");
        assertThatThrownBy(() -> EventCodec.decode(new byte[0], SegmentEvent.class))
                .isInstanceOf(InvalidEventException.class).hasMessage("empty payload");
    }

    @Test
    void duplicateKeysAreRejectedSoConsentCannotBeAmbiguous() {
        String twice = customerWith("\"emailMarketing\":true", "\"emailMarketing\":true,\"emailMarketing\":false");
        assertThat(rejection(twice, CustomerEvent.class).reason())
                .startsWith("not valid JSON: ").contains("emailMarketing");
    }

    @Test
    void reasonsNeverQuotePersonalValues() {
        String email = "ada.lovelace@example.com";
        List<String> payloads = List.of(
                customerWith("\"email\":\"" + email + "\"", "\"email\":\"ada lovelace\""),
                customerWith("\"firstName\":\"Ada\"", "\"firstName\":42"),
                customerWith("\"eventId\":\"0b9f3c1e-6a57-4d0c-9a43-3f1f0f6a2d11\"", "\"eventId\":\"" + email + "\""),
                customerWith("\"occurredAt\":\"2025-03-01T06:00:00Z\"", "\"occurredAt\":\"" + email + "\""),
                customerWith("\"emailMarketing\":true", "\"emailMarketing\":\"" + email + "\""),
                "{\"customerId\": adalovelace}",
                "{\"email\": \"" + email);
        for (String payload : payloads) {
            InvalidEventException e = rejection(payload, CustomerEvent.class);
            assertThat(e.reason()).doesNotContain("ada", "Ada", "lovelace", "42");
            assertThat(e.getMessage()).isEqualTo(e.reason());
            for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
                assertThat(t.getMessage()).doesNotContain("ada", "lovelace");
            }
        }
    }

    @Test
    void decodeAnnouncesOnlyInvalidEventExceptionWhateverTheBytes() {
        byte[][] garbage = {{(byte) 0xff, (byte) 0xfe, 0, 1}, {'{', '"', (byte) 0xc3, '"'}, {0}, "{\"a\":[".repeat(
                2000).getBytes(UTF_8)};
        for (byte[] bytes : garbage) {
            assertThatThrownBy(() -> EventCodec.decode(bytes, CustomerEvent.class))
                    .isInstanceOf(InvalidEventException.class);
        }
    }

    @Test
    void decodingAsTheWrongEventTypeFailsOnTheMissingFields() {
        byte[] segment = EventCodec.encode(Samples.segment());
        assertThat(rejection(new String(segment, UTF_8), CustomerEvent.class).reason())
                .isEqualTo("missing required field 'consent'");
    }

    @Test
    void theSharedMapperIsConfiguredAsDocumented() {
        var mapper = EventCodec.mapper();
        assertThat(mapper).isSameAs(EventCodec.mapper());
        assertThat(mapper.isEnabled(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)).isFalse();
        assertThat(mapper.isEnabled(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)).isTrue();
        assertThat(mapper.isEnabled(DeserializationFeature.ACCEPT_FLOAT_AS_INT)).isFalse();
        assertThat(mapper.isEnabled(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)).isFalse();
    }

    @Test
    void reconfiguringTheSharedMapperDoesNotLoosenTheCodec() throws Exception {
        var copy = EventCodec.mapper().copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        JsonNode tree = copy.readTree(EventCodec.encode(Samples.customer()));
        assertThat(tree.at("/activity/totalSpend").decimalValue()).isEqualTo(new BigDecimal("1249.50"));
        assertThat(EventCodec.decode(customerWith("\"source\":\"crm\"", "\"source\":\"crm\",\"x\":1")
                .getBytes(UTF_8), CustomerEvent.class)).isEqualTo(Samples.customer());
    }

    @Test
    void theCodecIsSafeToUseFromManyThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 200; i++) {
                Samples.Sample sample = Samples.all().get(i % 7);
                results.add(pool.submit(() -> EventCodec.decode(EventCodec.encode(sample.event()), sample.type())
                        .equals(sample.event())));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
