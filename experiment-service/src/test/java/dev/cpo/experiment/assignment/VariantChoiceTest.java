package dev.cpo.experiment.assignment;

import static dev.cpo.experiment.assignment.Fixtures.screened;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cpo.events.Decision;
import dev.cpo.events.ScreenedVariant;
import dev.cpo.events.Tone;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class VariantChoiceTest {

    private static final ControlMessage CONTROL = new ControlMessage("control-v1", "Our news", "Generic body");

    private final ExperimentDesign design = ExperimentDesign.defaultDesign("exp-1", 1,
            AllocationStrategy.SALTED_HASH);
    private final VariantChoice choice = new VariantChoice(CONTROL);
    private final Arm urgent = design.arm("urgent");

    @Test
    void passingVariantOfTheArmsToneIsSent() {
        Delivery d = choice.choose(urgent, List.of(
                screened("v-friendly", Tone.FRIENDLY, true, Decision.PASS),
                screened("v-urgent", Tone.URGENT, true, Decision.PASS)));

        assertThat(d.variantId()).isEqualTo("v-urgent");
        assertThat(d.usedControlMessage()).isFalse();
        assertThat(d.fallbackReason()).isNull();
        assertThat(d.fellBack()).isFalse();
        assertThat(d.subject()).isEqualTo("Subject v-urgent");
        assertThat(d.body()).isEqualTo("Body v-urgent");
        assertThat(d.tone()).isEqualTo(Tone.URGENT);
        assertThat(d.arm()).isEqualTo(urgent);
    }

    @Test
    void blockedVariantFallsBackToControlMessage() {
        Delivery d = choice.choose(urgent, List.of(screened("v-urgent", Tone.URGENT, true, Decision.BLOCK),
                screened("v-friendly", Tone.FRIENDLY, true, Decision.PASS)));

        assertControlFallback(d, FallbackReason.VARIANT_BLOCKED);
        assertThat(d.fallbackReasonWire()).isEqualTo("variant-blocked");
    }

    @Test
    void invalidVariantFallsBackToControlMessage() {
        Delivery d = choice.choose(urgent, List.of(screened("v-urgent", Tone.URGENT, false, Decision.PASS)));

        assertControlFallback(d, FallbackReason.VARIANT_INVALID);
        assertThat(d.fallbackReasonWire()).isEqualTo("variant-invalid");
    }

    @Test
    void blockedTakesPrecedenceOverInvalid() {
        assertControlFallback(choice.choose(urgent, List.of(screened("v1", Tone.URGENT, false, Decision.BLOCK))),
                FallbackReason.VARIANT_BLOCKED);
        assertControlFallback(choice.choose(urgent, List.of(screened("v1", Tone.URGENT, false, Decision.PASS),
                screened("v2", Tone.URGENT, true, Decision.BLOCK))), FallbackReason.VARIANT_BLOCKED);
    }

    @Test
    void laterUsableVariantOfTheSameToneIsSent() {
        Delivery d = choice.choose(urgent, List.of(screened("v1", Tone.URGENT, true, Decision.BLOCK),
                screened("v2", Tone.URGENT, true, Decision.PASS)));
        assertThat(d.variantId()).isEqualTo("v2");
    }

    @Test
    void missingToneFallsBackToControlMessage() {
        Delivery d = choice.choose(urgent, List.of(screened("v-friendly", Tone.FRIENDLY, true, Decision.PASS),
                screened("v-info", Tone.INFORMATIONAL, true, Decision.PASS)));
        assertControlFallback(d, FallbackReason.VARIANT_MISSING);
        assertThat(d.fallbackReasonWire()).isEqualTo("variant-missing");

        assertControlFallback(choice.choose(urgent, List.of()), FallbackReason.VARIANT_MISSING);
        assertControlFallback(choice.choose(urgent, null), FallbackReason.VARIANT_MISSING);
    }

    @Test
    void controlArmGetsControlMessageWithoutFallbackReason() {
        Delivery d = choice.choose(design.control(),
                List.of(screened("v-urgent", Tone.URGENT, true, Decision.PASS)));

        assertThat(d.usedControlMessage()).isTrue();
        assertThat(d.variantId()).isNull();
        assertThat(d.fallbackReason()).isNull();
        assertThat(d.fallbackReasonWire()).isNull();
        assertThat(d.tone()).isNull();
        assertThat(d.subject()).isEqualTo(CONTROL.subject());
        assertThat(d.body()).isEqualTo(CONTROL.body());
    }

    @Test
    void neverSendsABlockedInvalidOrOtherToneVariant() {
        Random random = new Random(5);
        for (int round = 0; round < 5000; round++) {
            List<ScreenedVariant> variants = new ArrayList<>();
            int n = random.nextInt(6);
            for (int i = 0; i < n; i++) {
                variants.add(screened("v" + i, Tone.values()[random.nextInt(3)], random.nextBoolean(),
                        random.nextBoolean() ? Decision.PASS : Decision.BLOCK));
            }
            Map<String, ScreenedVariant> byId = variants.stream()
                    .collect(Collectors.toMap(v -> v.variant().variantId(), Function.identity()));
            for (Arm arm : design.arms()) {
                Delivery d = choice.choose(arm, variants);
                if (arm.isControl()) {
                    assertThat(d.usedControlMessage()).isTrue();
                    assertThat(d.fallbackReason()).isNull();
                    continue;
                }
                boolean usable = variants.stream().anyMatch(v -> v.variant().tone() == arm.tone()
                        && v.variant().valid() && v.verdict().decision() == Decision.PASS);
                if (d.variantId() != null) {
                    ScreenedVariant sent = byId.get(d.variantId());
                    assertThat(sent.verdict().decision()).isEqualTo(Decision.PASS);
                    assertThat(sent.variant().valid()).isTrue();
                    assertThat(sent.variant().tone()).isEqualTo(arm.tone());
                    assertThat(d.subject()).isEqualTo(sent.variant().subject());
                } else {
                    assertThat(usable).isFalse();
                    assertThat(d.usedControlMessage()).isTrue();
                    assertThat(d.fallbackReason()).isNotNull();
                    assertThat(d.body()).isEqualTo(CONTROL.body());
                }
                assertThat(d.variantId() != null).isEqualTo(usable);
            }
        }
    }

    private void assertControlFallback(Delivery d, FallbackReason reason) {
        assertThat(d.usedControlMessage()).isTrue();
        assertThat(d.variantId()).isNull();
        assertThat(d.fallbackReason()).isEqualTo(reason);
        assertThat(d.fellBack()).isTrue();
        assertThat(d.tone()).isNull();
        assertThat(d.arm()).isEqualTo(urgent);
        assertThat(d.subject()).isEqualTo(CONTROL.subject());
        assertThat(d.body()).isEqualTo(CONTROL.body());
    }
}
