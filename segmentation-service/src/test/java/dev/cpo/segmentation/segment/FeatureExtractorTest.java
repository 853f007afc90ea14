package dev.cpo.segmentation.segment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpo.events.SegmentFeatures;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FeatureExtractorTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private final FeatureExtractor extractor = new FeatureExtractor();

    @Test
    void daysAreWholeDaysBeforeNow() {
        CustomerSnapshot customer = new CustomerSnapshot("c1", NOW.minus(Duration.ofDays(400)),
                NOW.minus(Duration.ofHours(47)), NOW.minus(Duration.ofDays(12).plusHours(3)), 4,
                new BigDecimal("250.40"), "gold", true);

        SegmentFeatures f = extractor.extract(customer, NOW);

        assertThat(f.recencyDays()).isEqualTo(12);
        assertThat(f.daysSinceLastActivity()).isEqualTo(1);
        assertThat(f.accountAgeDays()).isEqualTo(400);
        assertThat(f.frequency()).isEqualTo(4);
        assertThat(f.monetary()).isEqualByComparingTo("250.40");
        assertThat(f.tier()).isEqualTo("gold");
        assertThat(f.emailConsent()).isTrue();
    }

    @Test
    void aPurchaseIsActivityToo() {
        CustomerSnapshot customer = new CustomerSnapshot("c1", null, NOW.minus(Duration.ofDays(30)),
                NOW.minus(Duration.ofDays(5)), 1, BigDecimal.TEN, null, false);

        assertThat(extractor.extract(customer, NOW).daysSinceLastActivity()).isEqualTo(5);
    }

    @Test
    void unknownDatesStayUnknownAndFutureDatesCountAsToday() {
        CustomerSnapshot customer = new CustomerSnapshot("c1", NOW.plus(Duration.ofHours(5)), null, null, 0,
                BigDecimal.ZERO, null, false);

        SegmentFeatures f = extractor.extract(customer, NOW);

        assertThat(f.recencyDays()).isNull();
        assertThat(f.daysSinceLastActivity()).isNull();
        assertThat(f.accountAgeDays()).isZero();
    }
}
