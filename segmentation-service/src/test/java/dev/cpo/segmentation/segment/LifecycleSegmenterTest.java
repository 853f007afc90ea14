package dev.cpo.segmentation.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cpo.events.SegmentFeatures;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class LifecycleSegmenterTest {

    private final LifecycleSegmenter rules = new LifecycleSegmenter(3, 1);

    @Test
    void customerInactiveForTheThresholdIsDormant() {
        assertThat(rules.assign(features(3, 200)).label()).isEqualTo("Dormant");
        assertThat(rules.assign(features(2, 200)).label()).isEqualTo("Normal");
    }

    @Test
    void accountYoungerThanOneDayIsNew() {
        assertThat(rules.assign(features(0, 0)).label()).isEqualTo("New");
        assertThat(rules.assign(features(0, 1)).label()).isEqualTo("Normal");
    }

    @Test
    void dormancyWinsOverNewness() {
        LifecycleSegmenter slowRules = new LifecycleSegmenter(3, 30);
        assertThat(slowRules.assign(features(5, 10)).label()).isEqualTo("Dormant");
    }

    @Test
    void unknownActivityCountsAsDormantOnlyForAnOldEnoughAccount() {
        assertThat(rules.assign(features(null, 10)).label()).isEqualTo("Dormant");
        assertThat(rules.assign(features(null, 0)).label()).isEqualTo("New");
        assertThat(rules.assign(features(null, null)).label()).isEqualTo("Normal");
    }

    @Test
    void thresholdsAreConfigurableAndPartOfTheModelVersion() {
        LifecycleSegmenter strict = new LifecycleSegmenter(30, 7);
        assertThat(strict.assign(features(10, 100)).label()).isEqualTo("Normal");
        assertThat(strict.assign(features(10, 100)).modelVersion()).isEqualTo("lifecycle-v1-d30-n7");
        assertThat(strict.assign(features(10, 100)).strategy()).isEqualTo("lifecycle");
    }

    @Test
    void thresholdsBelowOneDayAreRejected() {
        assertThatThrownBy(() -> new LifecycleSegmenter(0, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static SegmentFeatures features(Integer daysSinceLastActivity, Integer accountAgeDays) {
        return new SegmentFeatures(null, 0, BigDecimal.ZERO, daysSinceLastActivity, accountAgeDays, null, true);
    }
}
