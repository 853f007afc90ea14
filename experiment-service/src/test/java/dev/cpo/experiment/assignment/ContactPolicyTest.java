package dev.cpo.experiment.assignment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ContactPolicyTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private final ContactPolicy policy = ContactPolicy.defaults();

    @Test
    void allowedWithConsentAndNoRecentContact() {
        ContactDecision d = policy.evaluate(true, null, NOW, null);
        assertThat(d.allowed()).isTrue();
        assertThat(d.skipReason()).isNull();
        assertThat(policy.evaluate(true, NOW.minus(Duration.ofDays(3)), NOW, 400).allowed()).isTrue();
    }

    @Test
    void noConsent() {
        ContactDecision d = policy.evaluate(false, null, NOW, null);
        assertThat(d.allowed()).isFalse();
        assertThat(d.skipReason()).isEqualTo(SkipReason.NO_CONSENT);
        assertThat(d.skipReason().wireName()).isEqualTo("no-consent");
        // consent is checked first
        assertThat(policy.evaluate(false, NOW.minusSeconds(60), NOW, null).skipReason())
                .isEqualTo(SkipReason.NO_CONSENT);
    }

    @Test
    void frequencyCapBoundaryIsExactly24Hours() {
        assertThat(policy.frequencyCap()).isEqualTo(Duration.ofHours(24));
        ContactDecision within = policy.evaluate(true, NOW.minus(Duration.ofHours(24)).plusMillis(1), NOW, null);
        assertThat(within.skipReason()).isEqualTo(SkipReason.FREQUENCY_CAP);
        assertThat(within.skipReason().wireName()).isEqualTo("frequency-cap");

        assertThat(policy.evaluate(true, NOW.minus(Duration.ofHours(24)), NOW, null).allowed()).isTrue();
        assertThat(policy.evaluate(true, NOW.minus(Duration.ofHours(23)), NOW, null).skipReason())
                .isEqualTo(SkipReason.FREQUENCY_CAP);
        // a last contact in the future (clock skew) is within the cap
        assertThat(policy.evaluate(true, NOW.plusSeconds(5), NOW, null).skipReason())
                .isEqualTo(SkipReason.FREQUENCY_CAP);
    }

    @Test
    void customFrequencyCap() {
        ContactPolicy weekly = new ContactPolicy(Duration.ofDays(7), null);
        assertThat(weekly.evaluate(true, NOW.minus(Duration.ofDays(3)), NOW, null).skipReason())
                .isEqualTo(SkipReason.FREQUENCY_CAP);
        assertThat(weekly.evaluate(true, NOW.minus(Duration.ofDays(7)), NOW, null).allowed()).isTrue();
    }

    @Test
    void inactivityRuleDisabledByDefault() {
        assertThat(policy.maxInactiveDays()).isNull();
        assertThat(policy.evaluate(true, null, NOW, 10_000).allowed()).isTrue();
    }

    @Test
    void inactivityRuleWhenEnabled() {
        ContactPolicy strict = policy.withMaxInactiveDays(90);
        ContactDecision inactive = strict.evaluate(true, null, NOW, 91);
        assertThat(inactive.skipReason()).isEqualTo(SkipReason.INACTIVE);
        assertThat(inactive.skipReason().wireName()).isEqualTo("inactive");
        assertThat(strict.evaluate(true, null, NOW, 90).allowed()).isTrue();
        assertThat(strict.evaluate(true, null, NOW, null).allowed()).isTrue();
        // the frequency cap is checked before inactivity
        assertThat(strict.evaluate(true, NOW.minusSeconds(10), NOW, 91).skipReason())
                .isEqualTo(SkipReason.FREQUENCY_CAP);
    }

    @Test
    void rejectsBadConfiguration() {
        assertThatThrownBy(() -> new ContactPolicy(Duration.ZERO, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ContactPolicy(null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ContactPolicy(Duration.ofHours(1), -1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
