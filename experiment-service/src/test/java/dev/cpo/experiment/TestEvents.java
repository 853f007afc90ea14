package dev.cpo.experiment;

import dev.cpo.events.Decision;
import dev.cpo.events.EngagementEvent;
import dev.cpo.events.EngagementSource;
import dev.cpo.events.EngagementType;
import dev.cpo.events.GenerationMetadata;
import dev.cpo.events.ScreenedEvent;
import dev.cpo.events.ScreenedVariant;
import dev.cpo.events.Segment;
import dev.cpo.events.SegmentFeatures;
import dev.cpo.events.Tone;
import dev.cpo.events.Variant;
import dev.cpo.events.Verdict;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Builds the events the service consumes. */
public final class TestEvents {

    private TestEvents() {
    }

    /** A segment of its own (a stratum no other test touches). */
    public static Segment segment(String id) {
        return new Segment(id, "Segment " + id, "rfm-rules", "rfm-test");
    }

    /** Three variants: urgent and informational pass, friendly is blocked. */
    public static List<ScreenedVariant> variants(String tag) {
        return List.of(variant("v-urgent-" + tag, Tone.URGENT, Decision.PASS),
                variant("v-informational-" + tag, Tone.INFORMATIONAL, Decision.PASS),
                variant("v-friendly-" + tag, Tone.FRIENDLY, Decision.BLOCK));
    }

    public static ScreenedVariant variant(String id, Tone tone, Decision decision) {
        GenerationMetadata generation = new GenerationMetadata("local", "local-grounded", "p1", 0, 0, BigDecimal.ZERO,
                1);
        Variant variant = new Variant(id, tone, "Subject of " + id, "Body of " + id + " [1]", List.of(), generation,
                true, null);
        return new ScreenedVariant(variant, new Verdict(decision, null, null, "local-rules", "policy-v1-test", null));
    }

    public static ScreenedEvent screened(String customerId, Segment segment, boolean consent,
            List<ScreenedVariant> variants) {
        return new ScreenedEvent(UUID.randomUUID(), ScreenedEvent.SCHEMA_VERSION, Instant.now(), customerId,
                UUID.randomUUID(), segment,
                new SegmentFeatures(30, 3, new BigDecimal("120.00"), 10, 400, null, consent), variants);
    }

    public static EngagementEvent engagement(String experimentId, String customerId, String arm, String segmentId,
            EngagementType type, BigDecimal revenue) {
        return new EngagementEvent(UUID.randomUUID(), EngagementEvent.SCHEMA_VERSION, Instant.now(), customerId,
                experimentId, arm, segmentId, null, type, revenue, EngagementSource.LIVE);
    }
}
