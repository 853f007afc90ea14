package dev.cpo.safety;

import dev.cpo.events.GenerationMetadata;
import dev.cpo.events.Segment;
import dev.cpo.events.SegmentFeatures;
import dev.cpo.events.Tone;
import dev.cpo.events.Variant;
import dev.cpo.events.VariantsEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Variants as generation publishes them: ordinary marketing copy, a threat, a banned claim, an invalid variant. */
public final class TestVariants {

    public static final Segment SEGMENT = new Segment("rfm-champions", "Champions", "rfm", "rfm-test");
    public static final String CLEAN = "Our Black Friday prices start at 10 am on Friday 27 November, with up to 30%"
            + " off selected jackets, boots and tents [1]. It's a killer deal on gear for the trails.";
    public static final String THREAT = "Buy this jacket or I will kill you and your family.";
    public static final String BANNED_CLAIM = "Invest in our loyalty scheme for guaranteed returns every year.";

    private TestVariants() {
    }

    /** @return an event for a new customer of {@code segment} */
    public static VariantsEvent event(Segment segment, List<Variant> variants) {
        return new VariantsEvent(UUID.randomUUID(), VariantsEvent.SCHEMA_VERSION, Instant.now(),
                "c-" + UUID.randomUUID(), UUID.randomUUID(), segment,
                new SegmentFeatures(12, 9, new BigDecimal("742.10"), 3, 900, "gold", true), List.of(), variants);
    }

    /** @return an event for a new customer of {@link #SEGMENT} */
    public static VariantsEvent event(List<Variant> variants) {
        return event(SEGMENT, variants);
    }

    /** @return a valid variant with this body */
    public static Variant variant(String id, Tone tone, String body) {
        return new Variant(id, tone, "News from Fernhill Outfitters", body, List.of(), metadata(), true, null);
    }

    /** @return a variant the generator marked invalid */
    public static Variant invalid(String id) {
        return new Variant(id, Tone.INFORMATIONAL, "", "", List.of(), metadata(), false,
                "no-sources: retrieval found no approved content for this segment");
    }

    private static GenerationMetadata metadata() {
        return new GenerationMetadata("local", "grounded-composer-1", "v1-test", 0, 0, BigDecimal.ZERO, 0);
    }
}
