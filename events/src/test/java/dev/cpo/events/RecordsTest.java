package dev.cpo.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class RecordsTest {

    private static final Instant T = Instant.parse("2025-03-01T06:00:00Z");
    private static final Consent OPTED_IN = new Consent(true, null);

    private static CustomerEvent customer(Activity activity, List<Transaction> transactions) {
        return new CustomerEvent(UUID.randomUUID(), 1, T, "C-1", null, null, OPTED_IN, activity, transactions);
    }

    private static Transaction tx(String order, String at, String amount) {
        return new Transaction(order, Instant.parse(at), new BigDecimal(amount), null);
    }

    @Test
    void effectiveActivityIsTheGivenActivityWhenPresent() {
        CustomerEvent sample = Samples.customer();
        assertThat(sample.effectiveActivity()).isSameAs(sample.activity());
    }

    @Test
    void effectiveActivityIsDerivedFromTransactionsCountingDistinctPaidOrdersAndNettingRefunds() {
        CustomerEvent event = customer(null, List.of(
                tx("A", "2024-01-10T10:00:00Z", "50.00"),
                tx("A", "2024-01-10T10:00:00Z", "25.00"),
                tx("B", "2024-03-05T09:00:00Z", "100.00"),
                tx("B", "2024-03-20T12:00:00Z", "-40.00"),
                tx("C", "2023-12-24T08:00:00Z", "10.50")));

        Activity activity = event.effectiveActivity();

        assertThat(activity.orderCount()).isEqualTo(3);
        assertThat(activity.totalSpend()).isEqualByComparingTo("145.50");
        assertThat(activity.firstPurchaseAt()).isEqualTo(Instant.parse("2023-12-24T08:00:00Z"));
        assertThat(activity.lastPurchaseAt()).isEqualTo(Instant.parse("2024-03-05T09:00:00Z"));
        assertThat(activity.lastActivityAt()).isEqualTo(Instant.parse("2024-03-20T12:00:00Z"));
        assertThat(activity.currency()).isNull();
    }

    @Test
    void derivedSpendNeverGoesBelowZeroWhenRefundsExceedPurchases() {
        Activity activity = customer(null, List.of(tx("A", "2024-01-10T10:00:00Z", "-80.00"))).effectiveActivity();
        assertThat(activity.orderCount()).isZero();
        assertThat(activity.totalSpend()).isEqualByComparingTo("0");
        assertThat(activity.firstPurchaseAt()).isNull();
        assertThat(activity.lastPurchaseAt()).isNull();
    }

    @Test
    void aCustomerNeedsActivityOrANonEmptyTransactionHistory() {
        assertThatThrownBy(() -> customer(null, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("at least one of 'activity' or a non-empty 'transactions' is required");
        assertThatThrownBy(() -> customer(null, List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void customerIdMustBeNonBlankAndAtMost128Characters() {
        Activity none = new Activity(null, null, null, 0, BigDecimal.ZERO, null);
        assertThat(new CustomerEvent(UUID.randomUUID(), 1, T, "x".repeat(128), null, null, OPTED_IN, none, null)
                .customerId()).hasSize(128);
        assertThatThrownBy(
                () -> new CustomerEvent(UUID.randomUUID(), 1, T, "x".repeat(129), null, null, OPTED_IN, none, null))
                .hasMessage("field 'customerId' must be at most 128 characters");
        assertThatThrownBy(() -> new CustomerEvent(UUID.randomUUID(), 1, T, " \t", null, null, OPTED_IN, none, null))
                .hasMessage("field 'customerId' must not be blank");
        assertThatThrownBy(() -> new CustomerEvent(UUID.randomUUID(), 1, T, null, null, null, OPTED_IN, none, null))
                .isInstanceOf(InvalidFieldException.class).hasMessage("missing required field 'customerId'");
    }

    @Test
    void listsAreImmutableCopiesAndNullListsBecomeEmpty() {
        List<Transaction> mutable = new ArrayList<>(List.of(tx("A", "2024-01-10T10:00:00Z", "1.00")));
        CustomerEvent event = customer(null, mutable);
        mutable.clear();
        assertThat(event.transactions()).hasSize(1);
        assertThatThrownBy(() -> event.transactions().add(null)).isInstanceOf(UnsupportedOperationException.class);

        VariantsEvent v = Samples.variants();
        VariantsEvent empty = new VariantsEvent(v.eventId(), 1, T, "C-1", v.causationId(), v.segment(), v.features(),
                null, null);
        assertThat(empty.snippets()).isEmpty();
        assertThat(empty.variants()).isEmpty();
    }

    @Test
    void aNullListElementIsRejectedNamingItsIndex() {
        List<Transaction> withNull = new ArrayList<>();
        withNull.add(tx("A", "2024-01-10T10:00:00Z", "1.00"));
        withNull.add(null);
        assertThatThrownBy(() -> customer(null, withNull)).hasMessage("field 'transactions[1]' must not be null");
    }

    @Test
    void severitiesAreCheckedCopiedAndKeptInCategoryOrder() {
        Map<HarmCategory, Integer> input = new HashMap<>();
        input.put(HarmCategory.VIOLENCE, 3);
        input.put(HarmCategory.HATE, 0);
        Verdict verdict = new Verdict(Decision.PASS, input, null, "local-rules", "p1", null);
        input.put(HarmCategory.SEXUAL, 7);
        assertThat(verdict.severities()).containsExactly(Map.entry(HarmCategory.HATE, 0),
                Map.entry(HarmCategory.VIOLENCE, 3));
        assertThat(new Verdict(Decision.PASS, null, null, "local-rules", "p1", null).severities()).isEmpty();
        assertThatThrownBy(() -> new Verdict(Decision.BLOCK, Map.of(HarmCategory.SELF_HARM, 8), null, "local-rules",
                "p1", null)).hasMessage("field 'severities.self_harm' must be an integer between 0 and 7");
        assertThatThrownBy(() -> new Verdict(Decision.BLOCK, Map.of(HarmCategory.SELF_HARM, -1), null,
                "local-rules", "p1", null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aControlAssignmentCarriesNeitherToneNorVariant() {
        AssignmentEvent c = Samples.controlAssignment();
        assertThat(c.tone()).isNull();
        assertThat(c.variantId()).isNull();
        assertThatThrownBy(() -> new AssignmentEvent(c.eventId(), 1, T, "C-1", c.causationId(), "exp", "control",
                ArmKind.CONTROL, Tone.URGENT, c.segment(), null, "s", "b", null, true))
                .hasMessage("field 'tone' must be absent for a control assignment");
        assertThatThrownBy(() -> new AssignmentEvent(c.eventId(), 1, T, "C-1", c.causationId(), "exp", "control",
                ArmKind.CONTROL, null, c.segment(), "v-1", "s", "b", null, true))
                .hasMessage("field 'variantId' must be absent for a control assignment");
    }

    @Test
    void aTreatmentThatFellBackMayOmitToneAndVariant() {
        AssignmentEvent a = Samples.assignment();
        AssignmentEvent fallback = new AssignmentEvent(a.eventId(), 1, T, "C-1", a.causationId(), "exp", "urgent",
                ArmKind.TREATMENT, null, a.segment(), null, "s", "b", "all variants blocked", true);
        assertThat(fallback.fallbackReason()).isEqualTo("all variants blocked");
    }

    @Test
    void snippetScoreMustLieBetweenZeroAndOne() {
        assertThat(new Snippet("d", "", 0, "t", 0.0, null).score()).isZero();
        assertThat(new Snippet("d", "", 0, "t", 1.0, null).score()).isEqualTo(1.0);
        for (double bad : new double[]{-0.01, 1.01, Double.NaN}) {
            assertThatThrownBy(() -> new Snippet("d", "", 0, "t", bad, null))
                    .hasMessage("field 'score' must be between 0 and 1");
        }
    }

    @Test
    void schemaVersionMustBeAtLeastOneAndEveryEventTypeDeclaresVersionOne() {
        assertThat(List.of(CustomerEvent.SCHEMA_VERSION, SegmentEvent.SCHEMA_VERSION, ContentEvent.SCHEMA_VERSION,
                VariantsEvent.SCHEMA_VERSION, ScreenedEvent.SCHEMA_VERSION, AssignmentEvent.SCHEMA_VERSION,
                EngagementEvent.SCHEMA_VERSION)).containsOnly(1);
        SegmentEvent s = Samples.segment();
        assertThatThrownBy(() -> new SegmentEvent(s.eventId(), 0, T, "C-1", s.causationId(), s.segment(),
                s.features())).hasMessage("field 'schemaVersion' must be at least 1");
    }

    @Test
    void featuresNeverCarryNameOrEmail() {
        assertThat(SegmentFeatures.class.getRecordComponents()).extracting(c -> c.getName().toLowerCase())
                .noneMatch(n -> n.contains("name") || n.contains("email") && !n.equals("emailconsent"));
    }

    @Test
    void theJsonFormOfEveryEnumIsItsLowerCaseName() {
        for (Class<? extends Enum<?>> type : List.of(Tone.class, ArmKind.class, Decision.class, HarmCategory.class,
                EngagementType.class, EngagementSource.class)) {
            for (Enum<?> constant : type.getEnumConstants()) {
                String json = new String(EventCodec.encode(Samples.engagement()) /* warm-up */).isEmpty()
                        ? ""
                        : EventCodec.mapper().valueToTree(constant).asText();
                assertThat(json).isEqualTo(constant.name().toLowerCase());
            }
        }
        assertThat(HarmCategory.fromWire("Self_Harm")).isEqualTo(HarmCategory.SELF_HARM);
        assertThatThrownBy(() -> Tone.fromWire("angry"))
                .hasMessage("must be one of [urgent, informational, friendly]");
    }

    @Test
    void everyEventIsACpoEventAndEveryDownstreamEventNamesItsCause() {
        for (Samples.Sample sample : Samples.all()) {
            CpoEvent e = sample.event();
            assertThat(e.customerId()).isEqualTo(Samples.CUSTOMER_ID);
            assertThat(e.schemaVersion()).isEqualTo(1);
            if (!(e instanceof CustomerEvent) && !(e instanceof EngagementEvent)) {
                assertThat(e).isInstanceOf(CausedEvent.class);
            }
        }
        assertThat(Samples.segment().causationId()).isEqualTo(Samples.customer().eventId());
        assertThat(Samples.content().causationId()).isEqualTo(Samples.segment().eventId());
    }
}
