package dev.cpo.generation.generate;

import static dev.cpo.generation.TestContent.AT_RISK;
import static dev.cpo.generation.TestContent.AT_RISK_CONTENT;
import static dev.cpo.generation.TestContent.CHAMPIONS;
import static dev.cpo.generation.TestContent.CHAMPION_CONTENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cpo.events.Citation;
import dev.cpo.events.Tone;
import dev.cpo.events.Variant;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VariantSetComposerTest {

    private static final PriceTable PRICES = new PriceTable(new BigDecimal("0.5"), new BigDecimal("1.5"));

    private final List<String> meterLog = new ArrayList<>();
    private final GenerationMeter meter = (segment, provider, outcome, usage, cost) -> meterLog
            .add(segment + "/" + outcome + "/" + usage.tokensIn() + "/" + usage.tokensOut() + "/" + cost);

    private VariantSetComposer composer(VariantGenerator generator) {
        return new VariantSetComposer(generator, new VariantValidator(), PRICES, "v1-test", meter);
    }

    @Test
    void writesOneValidCitedVariantPerToneWithItsCostAndMetadata() {
        ScriptedGenerator generator = new ScriptedGenerator(ScriptedGenerator::valid);

        List<Variant> variants = composer(generator).compose(CHAMPIONS, CHAMPION_CONTENT);

        assertThat(variants).extracting(Variant::tone).containsExactly(Tone.URGENT, Tone.INFORMATIONAL, Tone.FRIENDLY);
        assertThat(variants).allSatisfy(variant -> {
            assertThat(variant.valid()).isTrue();
            assertThat(variant.invalidReason()).isNull();
            assertThat(variant.citations()).containsExactly(new Citation(1, "birthday-rewards",
                    "Birthday vouchers for Trail Club members", 0));
            assertThat(variant.generation().provider()).isEqualTo("scripted");
            assertThat(variant.generation().model()).isEqualTo("scripted-1");
            assertThat(variant.generation().promptVersion()).isEqualTo("v1-test");
            assertThat(variant.generation().tokensIn()).isEqualTo(400);
            assertThat(variant.generation().tokensOut()).isEqualTo(250);
            // 400 * 0.5 / 1000 + 250 * 1.5 / 1000 = 0.2 + 0.375
            assertThat(variant.generation().cost()).isEqualByComparingTo("0.575");
            assertThat(variant.generation().latencyMillis()).isEqualTo(12);
        });
        assertThat(generator.requests).hasSize(3);
        assertThat(meterLog).containsOnly("rfm-champions/draft/400/250/0.575").hasSize(3);
    }

    @Test
    void aDraftThatFailsValidationIsRegeneratedOnceWithTheReason() {
        ScriptedGenerator generator = new ScriptedGenerator(ScriptedGenerator::valid)
                .then(ScriptedGenerator::citesUnknownSnippet);

        List<Variant> variants = composer(generator).compose(CHAMPIONS, CHAMPION_CONTENT);

        assertThat(variants).allMatch(Variant::valid);
        assertThat(generator.requests).hasSize(4);
        GenerationRequest retry = generator.requests.get(1);
        assertThat(retry.tone()).isEqualTo(Tone.URGENT);
        assertThat(retry.attempt()).isEqualTo(2);
        assertThat(retry.feedback()).hasValueSatisfying(
                reason -> assertThat(reason).contains("points at a snippet that was not provided"));
        // Both attempts are paid for.
        assertThat(variants.get(0).generation().tokensIn()).isEqualTo(800);
    }

    @Test
    void aVariantThatFailsTwiceIsInvalidWithTheReasonAndNeverValid() {
        ScriptedGenerator generator = new ScriptedGenerator(ScriptedGenerator::citesUnknownSnippet);

        List<Variant> variants = composer(generator).compose(CHAMPIONS, CHAMPION_CONTENT);

        assertThat(generator.requests).hasSize(6);
        assertThat(variants).allSatisfy(variant -> {
            assertThat(variant.valid()).isFalse();
            assertThat(variant.invalidReason()).startsWith("invalid after regeneration: ")
                    .contains("points at a snippet that was not provided");
            assertThat(variant.body()).isEmpty();
            assertThat(variant.subject()).isEmpty();
            assertThat(variant.citations()).isEmpty();
        });
    }

    @Test
    void tooShortBodiesAndLongSubjectsAreRejected() {
        ScriptedGenerator generator = new ScriptedGenerator(request -> new GenerationOutcome.Draft(
                "A subject that is far too long for any inbox to show it in full", "Short body [1].",
                List.of(new DraftCitation(1, "birthday-rewards", 0)), Usage.NONE, 1));

        List<Variant> variants = composer(generator).compose(CHAMPIONS, CHAMPION_CONTENT);

        assertThat(variants).allSatisfy(variant -> assertThat(variant.invalidReason())
                .contains("the subject has 63 characters, at most 60").contains("the body has 2 words"));
    }

    @Test
    void aFilteredResultIsNotRetriedAndIsMarkedFiltered() {
        ScriptedGenerator generator = new ScriptedGenerator(ScriptedGenerator::valid).then(
                request -> new GenerationOutcome.Filtered("content filter: violence (medium)", new Usage(300, 0), 40));

        List<Variant> variants = composer(generator).compose(CHAMPIONS, CHAMPION_CONTENT);

        assertThat(generator.requests).hasSize(3);
        assertThat(variants.get(0).valid()).isFalse();
        assertThat(variants.get(0).invalidReason()).isEqualTo("filtered: content filter: violence (medium)");
        assertThat(variants.get(0).generation().tokensIn()).isEqualTo(300);
        assertThat(variants.subList(1, 3)).allMatch(Variant::valid);
        assertThat(meterLog).contains("rfm-champions/filtered/300/0/0.15");
    }

    @Test
    void anUnusableReplyIsRegeneratedOnce() {
        ScriptedGenerator generator = new ScriptedGenerator(ScriptedGenerator::valid)
                .then(request -> new GenerationOutcome.Unusable("the reply is not a JSON object", Usage.NONE, 5));

        List<Variant> variants = composer(generator).compose(CHAMPIONS, CHAMPION_CONTENT);

        assertThat(variants).allMatch(Variant::valid);
        assertThat(generator.requests.get(1).feedback())
                .hasValue("unusable reply: the reply is not a JSON object");
    }

    @Test
    void withoutSnippetsNothingIsWrittenAndNoModelIsCalled() {
        ScriptedGenerator generator = new ScriptedGenerator(ScriptedGenerator::valid);

        List<Variant> variants = composer(generator).compose(AT_RISK, List.of());

        assertThat(generator.requests).isEmpty();
        assertThat(meterLog).isEmpty();
        assertThat(variants).hasSize(3).allSatisfy(variant -> {
            assertThat(variant.valid()).isFalse();
            assertThat(variant.invalidReason()).isEqualTo(VariantSetComposer.NO_SOURCES);
            assertThat(variant.body()).isEmpty();
            assertThat(variant.generation().cost()).isEqualByComparingTo(BigDecimal.ZERO);
        });
    }

    @Test
    void anUnavailableProviderFailsTheWholeSet() {
        ScriptedGenerator generator = new ScriptedGenerator(ScriptedGenerator::valid).then(request -> {
            throw new GenerationUnavailableException("HTTP 503 after 3 attempts", null);
        });

        assertThatThrownBy(() -> composer(generator).compose(CHAMPIONS, CHAMPION_CONTENT))
                .isInstanceOf(GenerationUnavailableException.class).hasMessageContaining("503");
        assertThat(meterLog).containsExactly("rfm-champions/unavailable/0/0/0");
    }

    @Test
    void variantIdsAreStableAndChangeWithEveryInputTheyHash() {
        VariantSetComposer composer = composer(new ScriptedGenerator(ScriptedGenerator::valid));
        List<Variant> first = composer.compose(CHAMPIONS, CHAMPION_CONTENT);
        List<Variant> again = composer.compose(CHAMPIONS, CHAMPION_CONTENT);

        assertThat(first).extracting(Variant::variantId).isEqualTo(again.stream().map(Variant::variantId).toList())
                .doesNotHaveDuplicates().allMatch(id -> id.matches("var-[0-9a-f]{24}"));

        VariantSetKey key = composer.keyFor(CHAMPIONS, CHAMPION_CONTENT);
        String id = key.variantId(Tone.URGENT);
        assertThat(first.get(0).variantId()).isEqualTo(id);
        assertThat(composer.keyFor(AT_RISK, CHAMPION_CONTENT).variantId(Tone.URGENT)).isNotEqualTo(id);
        assertThat(composer.keyFor(CHAMPIONS, AT_RISK_CONTENT).variantId(Tone.URGENT)).isNotEqualTo(id);
        assertThat(composer.keyFor(CHAMPIONS, List.of(CHAMPION_CONTENT.get(1), CHAMPION_CONTENT.get(0),
                CHAMPION_CONTENT.get(2))).variantId(Tone.URGENT)).as("order fixes the markers").isNotEqualTo(id);
        assertThat(new VariantSetComposer(new ScriptedGenerator(ScriptedGenerator::valid), new VariantValidator(),
                PRICES, "v2-test", meter).keyFor(CHAMPIONS, CHAMPION_CONTENT).variantId(Tone.URGENT))
                .as("prompt version").isNotEqualTo(id);
        assertThat(new VariantSetComposer(new ScriptedGenerator(ScriptedGenerator::valid, "scripted-2"),
                new VariantValidator(), PRICES, "v1-test", meter).keyFor(CHAMPIONS, CHAMPION_CONTENT)
                .variantId(Tone.URGENT)).as("model").isNotEqualTo(id);
    }
}
