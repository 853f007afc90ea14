package dev.cpo.safety.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cpo.events.Decision;
import dev.cpo.events.HarmCategory;
import dev.cpo.events.Verdict;
import dev.cpo.safety.screen.ScreenResult;
import dev.cpo.safety.screen.ScreeningUnavailableException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScreeningPolicyTest {

    private final ScreeningPolicy policy = new ScreeningPolicy("1", Map.of(), "local-rules");

    private static ScreenResult severities(int hate, int selfHarm, int sexual, int violence, String... matches) {
        return new ScreenResult(Map.of(HarmCategory.HATE, hate, HarmCategory.SELF_HARM, selfHarm,
                HarmCategory.SEXUAL, sexual, HarmCategory.VIOLENCE, violence), List.of(matches));
    }

    @Test
    void blocksAtMediumAndAboveByDefault() {
        assertThat(policy.thresholds()).containsOnlyKeys(HarmCategory.values()).allSatisfy((c, t) -> assertThat(t)
                .isEqualTo(4));
        assertThat(policy.decide(severities(0, 0, 0, 3), "local-rules").decision()).isEqualTo(Decision.PASS);
        Verdict blocked = policy.decide(severities(0, 0, 0, 4), "local-rules");
        assertThat(blocked.decision()).isEqualTo(Decision.BLOCK);
        assertThat(blocked.reasons()).containsExactly("violence severity 4 reaches the threshold 4");
        assertThat(blocked.severities()).containsEntry(HarmCategory.VIOLENCE, 4);
        assertThat(blocked.provider()).isEqualTo("local-rules");
        assertThat(blocked.policyVersion()).isEqualTo(policy.version()).matches("policy-v1-[0-9a-f]{8}");
    }

    @Test
    void thresholdsArePerCategory() {
        ScreeningPolicy strict = new ScreeningPolicy("1", Map.of(HarmCategory.SEXUAL, 2), "local-rules");
        assertThat(strict.decide(severities(0, 0, 2, 0), "local-rules").decision()).isEqualTo(Decision.BLOCK);
        assertThat(policy.decide(severities(0, 0, 2, 0), "local-rules").decision()).isEqualTo(Decision.PASS);
        assertThat(strict.version()).as("other thresholds, other version").isNotEqualTo(policy.version());
        assertThatThrownBy(() -> new ScreeningPolicy("1", Map.of(HarmCategory.HATE, 0), "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("between 1 and 7");
    }

    @Test
    void aBlocklistMatchBlocksWhateverTheSeverities() {
        Verdict verdict = policy.decide(severities(0, 0, 0, 0, "banned-claims/guaranteed-returns"), "local-rules");
        assertThat(verdict.decision()).isEqualTo(Decision.BLOCK);
        assertThat(verdict.reasons()).containsExactly("blocklist match banned-claims/guaranteed-returns");
        assertThat(verdict.blocklistMatches()).containsExactly("banned-claims/guaranteed-returns");
    }

    @Test
    void aMissingSeverityIsNeverAPass() {
        ScreenResult partial = new ScreenResult(Map.of(HarmCategory.HATE, 0, HarmCategory.SEXUAL, 0,
                HarmCategory.VIOLENCE, 0), List.of());
        assertThatThrownBy(() -> policy.decide(partial, "azure-content-safety"))
                .isInstanceOf(ScreeningUnavailableException.class).hasMessageContaining("self_harm");
    }

    @Test
    void theVersionChangesWithTheScreenersConfiguration() {
        assertThat(new ScreeningPolicy("1", Map.of(), "local-rules|banned-claims").version())
                .isNotEqualTo(policy.version());
        assertThat(new ScreeningPolicy("1", Map.of(), "local-rules").version()).isEqualTo(policy.version());
    }

    @Test
    void anInvalidVariantIsBlockedWithItsReason() {
        Verdict verdict = policy.invalidVariant("no-sources: nothing approved", "local-rules");
        assertThat(verdict.decision()).isEqualTo(Decision.BLOCK);
        assertThat(verdict.severities()).isEmpty();
        assertThat(verdict.reasons()).singleElement().asString().contains("no-sources");
    }
}
