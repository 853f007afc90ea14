package dev.cpo.generation.generate;

import static dev.cpo.generation.TestContent.BIRTHDAY;
import static dev.cpo.generation.TestContent.DELIVERY;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class VariantValidatorTest {

    private final VariantValidator validator = new VariantValidator();

    private static String words(int count, String cited) {
        StringBuilder body = new StringBuilder(cited);
        for (int i = VariantValidator.wordCount(cited); i < count; i++) {
            body.append(" word");
        }
        return body.toString();
    }

    private static GenerationOutcome.Draft draft(String subject, String body, DraftCitation... citations) {
        return new GenerationOutcome.Draft(subject, body, List.of(citations), Usage.NONE, 0);
    }

    @Test
    void acceptsAGroundedDraftWithinTheLimits() {
        String body = words(150,
                "Birthday vouchers are valid for 30 days [1]. Standard delivery is free over £50 [2].");
        assertThat(validator.problems(draft("Your birthday voucher", body, new DraftCitation(1, "birthday-rewards", 0),
                new DraftCitation(2, "delivery-options", 0)), List.of(BIRTHDAY, DELIVERY))).isEmpty();
    }

    @Test
    void countsWordsWithoutMarkersOrPunctuation() {
        assertThat(VariantValidator.wordCount("Free delivery [1] on £50 orders [2]. — Yes!")).isEqualTo(6);
        assertThat(VariantValidator.wordCount("   ")).isZero();
        assertThat(VariantValidator.markers("a [2] b [10] c [2]")).containsExactly(2, 10);
    }

    @Test
    void enforcesBodyBoundsExactly() {
        DraftCitation cite = new DraftCitation(1, "birthday-rewards", 0);
        assertThat(validator.problems(draft("S", words(149, "Fact [1]."), cite), List.of(BIRTHDAY)))
                .containsExactly("the body has 149 words, it must have 150 to 200");
        assertThat(validator.problems(draft("S", words(200, "Fact [1]."), cite), List.of(BIRTHDAY))).isEmpty();
        assertThat(validator.problems(draft("S", words(201, "Fact [1]."), cite), List.of(BIRTHDAY)))
                .containsExactly("the body has 201 words, it must have 150 to 200");
    }

    @Test
    void enforcesSubjectLengthInCharactersNotBytes() {
        DraftCitation cite = new DraftCitation(1, "birthday-rewards", 0);
        String sixty = "£".repeat(60);
        assertThat(validator.problems(draft(sixty, words(160, "Fact [1]."), cite), List.of(BIRTHDAY))).isEmpty();
        assertThat(validator.problems(draft(sixty + "x", words(160, "Fact [1]."), cite), List.of(BIRTHDAY)))
                .containsExactly("the subject has 61 characters, at most 60 are allowed");
        assertThat(validator.problems(draft(" ", words(160, "Fact [1]."), cite), List.of(BIRTHDAY)))
                .containsExactly("the subject is empty");
        assertThat(validator.problems(draft("Deal [1]", words(160, "Fact [1]."), cite), List.of(BIRTHDAY)))
                .containsExactly("the subject contains a citation marker");
    }

    @Test
    void everyCitationMustResolveToAProvidedSnippetAndBeUsed() {
        String body = words(160, "Fact [1]. Another fact [2].");
        assertThat(validator.problems(draft("S", body, new DraftCitation(1, "birthday-rewards", 0),
                new DraftCitation(2, "birthday-rewards", 1)), List.of(BIRTHDAY)))
                .containsExactly("citation [2] points at a snippet that was not provided");
        assertThat(validator.problems(draft("S", body, new DraftCitation(1, "birthday-rewards", 0)), List.of(BIRTHDAY)))
                .containsExactly("marker [2] in the body has no citation");
        assertThat(validator.problems(draft("S", words(160, "Fact [1]."), new DraftCitation(1, "birthday-rewards", 0),
                new DraftCitation(3, "delivery-options", 0)), List.of(BIRTHDAY, DELIVERY)))
                .containsExactly("citation [3] is not used in the body");
        assertThat(validator.problems(draft("S", words(160, "No facts."), new DraftCitation[0]), List.of(BIRTHDAY)))
                .containsExactly("the body cites no snippet");
    }
}
