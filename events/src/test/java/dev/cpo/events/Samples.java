package dev.cpo.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Realistic events of every type with every optional field set, so that contract tests reach every property. One
 * customer travels through the whole pipeline.
 */
public final class Samples {

    static final String CUSTOMER_ID = "C-000184223";
    static final UUID CUSTOMER_EVENT_ID = UUID.fromString("0b9f3c1e-6a57-4d0c-9a43-3f1f0f6a2d11");
    static final Segment SEGMENT = new Segment("lapsed-high-value", "Lapsed high-value", "rfm-rules", "rfm-2025.03");
    static final SegmentFeatures FEATURES = new SegmentFeatures(94, 7, new BigDecimal("1249.50"), 12, 1186, "gold",
            true);
    static final Snippet SNIPPET = new Snippet("kb-returns-policy", "Returns and refunds", 2,
            "Gold members get free returns within 60 days of delivery.", 0.82, "docs/returns-policy.md");
    static final Snippet SNIPPET_2 = new Snippet("kb-spring-sale", "Spring sale", 0,
            "The spring sale runs from 1 to 14 April with up to 30% off outdoor gear.", 0.64,
            "https://shop.example.com/spring-sale");

    private Samples() {
    }

    public static CustomerEvent customer() {
        return new CustomerEvent(CUSTOMER_EVENT_ID, CustomerEvent.SCHEMA_VERSION,
                Instant.parse("2025-03-01T06:00:00Z"), CUSTOMER_ID, "crm",
                new CustomerProfile("Ada", "Lovelace", "ada.lovelace@example.com", "GB", "en-GB",
                        Instant.parse("2021-12-02T10:15:30Z"), "gold"),
                new Consent(true, Instant.parse("2024-11-20T18:42:00Z")),
                new Activity(Instant.parse("2025-02-17T20:03:11Z"), Instant.parse("2022-01-09T12:00:00Z"),
                        Instant.parse("2024-11-27T09:14:00Z"), 7, new BigDecimal("1249.50"), "GBP"),
                List.of(new Transaction("SO-88121", Instant.parse("2024-11-27T09:14:00Z"), new BigDecimal("189.90"),
                        2),
                        new Transaction("SO-88121", Instant.parse("2024-12-04T15:30:00Z"), new BigDecimal("-39.95"),
                                1)));
    }

    static SegmentEvent segment() {
        return new SegmentEvent(EventIds.derive(CUSTOMER_EVENT_ID, "segmentation"), SegmentEvent.SCHEMA_VERSION,
                Instant.parse("2025-03-01T06:00:01.250Z"), CUSTOMER_ID, CUSTOMER_EVENT_ID, SEGMENT, FEATURES);
    }

    static ContentEvent content() {
        SegmentEvent in = segment();
        return new ContentEvent(EventIds.derive(in.eventId(), "retrieval"), ContentEvent.SCHEMA_VERSION,
                Instant.parse("2025-03-01T06:00:02.004Z"), CUSTOMER_ID, in.eventId(), SEGMENT, FEATURES,
                "corpus-2025-02-28", "lucene", "free returns gold members spring sale outdoor",
                List.of(SNIPPET, SNIPPET_2));
    }

    static Variant variant(String id, Tone tone) {
        return new Variant(id, tone, "Your gold perks are waiting",
                "Hi there, as a gold member you get free returns for 60 days [1]. Our spring sale starts 1 April "
                        + "[2].",
                List.of(new Citation(1, SNIPPET.documentId(), SNIPPET.title(), SNIPPET.paragraphIndex()),
                        new Citation(2, SNIPPET_2.documentId(), SNIPPET_2.title(), SNIPPET_2.paragraphIndex())),
                new GenerationMetadata("azure-openai", "gpt-4o-mini", "email-v3", 812, 164,
                        new BigDecimal("0.000220"), 1840L),
                true, null);
    }

    static Variant invalidVariant() {
        Variant v = variant("v-3", Tone.URGENT);
        return new Variant(v.variantId(), v.tone(), v.subject(), v.body(), List.of(), v.generation(), false,
                "cites a document that was not retrieved");
    }

    static VariantsEvent variants() {
        ContentEvent in = content();
        return new VariantsEvent(EventIds.derive(in.eventId(), "generation"), VariantsEvent.SCHEMA_VERSION,
                Instant.parse("2025-03-01T06:00:05.870Z"), CUSTOMER_ID, in.eventId(), SEGMENT, FEATURES,
                in.snippets(), List.of(variant("v-1", Tone.FRIENDLY), invalidVariant()));
    }

    static ScreenedEvent screened() {
        VariantsEvent in = variants();
        Verdict pass = new Verdict(Decision.PASS,
                Map.of(HarmCategory.HATE, 0, HarmCategory.SELF_HARM, 0, HarmCategory.SEXUAL, 0,
                        HarmCategory.VIOLENCE, 1),
                List.of(), "azure-content-safety", "policy-2025.02", List.of());
        Verdict block = new Verdict(Decision.BLOCK, Map.of(HarmCategory.VIOLENCE, 2), List.of("bl-urgency-07"),
                "azure-content-safety", "policy-2025.02", List.of("blocklist match", "variant is not valid"));
        return new ScreenedEvent(EventIds.derive(in.eventId(), "safety"), ScreenedEvent.SCHEMA_VERSION,
                Instant.parse("2025-03-01T06:00:06.412Z"), CUSTOMER_ID, in.eventId(), SEGMENT, FEATURES,
                List.of(new ScreenedVariant(in.variants().get(0), pass),
                        new ScreenedVariant(in.variants().get(1), block)));
    }

    static AssignmentEvent assignment() {
        ScreenedEvent in = screened();
        Variant v = in.variants().get(0).variant();
        return new AssignmentEvent(EventIds.derive(in.eventId(), "experiment"), AssignmentEvent.SCHEMA_VERSION,
                Instant.parse("2025-03-01T06:00:06.530Z"), CUSTOMER_ID, in.eventId(), "exp-2025-03-tone",
                "friendly", ArmKind.TREATMENT, v.tone(), SEGMENT, v.variantId(), v.subject(), v.body(),
                "preferred tone blocked; used next best", true);
    }

    static AssignmentEvent controlAssignment() {
        AssignmentEvent a = assignment();
        return new AssignmentEvent(a.eventId(), a.schemaVersion(), a.occurredAt(), a.customerId(), a.causationId(),
                a.experimentId(), "control", ArmKind.CONTROL, null, SEGMENT, null, "Spring news from us",
                "Our spring sale starts 1 April.", null, true);
    }

    static EngagementEvent engagement() {
        AssignmentEvent a = assignment();
        return new EngagementEvent(EventIds.derive(a.eventId(), "converted"), EngagementEvent.SCHEMA_VERSION,
                Instant.parse("2025-03-03T19:22:45Z"), CUSTOMER_ID, a.experimentId(), a.arm(), SEGMENT.id(),
                a.variantId(), EngagementType.CONVERTED, new BigDecimal("84.99"), EngagementSource.SIMULATED);
    }

    /** One fully populated sample per topic, in pipeline order. */
    public static List<Sample> all() {
        return List.of(
                new Sample(Topics.CUSTOMERS, customer()),
                new Sample(Topics.SEGMENTS, segment()),
                new Sample(Topics.CONTENT, content()),
                new Sample(Topics.VARIANTS, variants()),
                new Sample(Topics.SCREENED, screened()),
                new Sample(Topics.ASSIGNMENTS, assignment()),
                new Sample(Topics.ENGAGEMENT, engagement()));
    }

    /** A sample event and the topic it belongs to. */
    public record Sample(String topic, CpoEvent event) {

        public Class<? extends CpoEvent> type() {
            return event.getClass();
        }

        @Override
        public String toString() {
            return topic;
        }
    }
}
