package dev.cpo.retrieval.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cpo.retrieval.corpus.Approval;
import dev.cpo.retrieval.corpus.ApprovalStatus;
import dev.cpo.retrieval.corpus.Corpus;
import dev.cpo.retrieval.corpus.CorpusDocument;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class AzureIndexDocumentTest {

    @Test
    void keyOfASafeDocumentIdIsReadable() {
        assertThat(AzureIndexDocument.keyOf("kb-returns-policy", 2)).isEqualTo("kb-returns-policy-p2");
    }

    @Test
    void documentIdsAKeyCannotHoldAreEncodedWithoutCollisions() {
        List<String> keys = Stream.of("docs/returns policy.md", "docs_returns_policy_md", "kb.returns", "kb-returns",
                "b64_a2IucmV0dXJucw==").map(id -> AzureIndexDocument.keyOf(id, 0)).toList();

        assertThat(keys).doesNotHaveDuplicates()
                .allSatisfy(key -> assertThat(key).matches(AzureIndexDocument.KEY.pattern()));
        assertThat(keys.get(0)).startsWith("b64_").endsWith("-p0");
        assertThat(keys.get(3)).isEqualTo("kb-returns-p0");
    }

    @Test
    void paragraphWithoutContentIsRefused() {
        assertThatThrownBy(() -> AzureIndexDocument.of("kb-x", 0, "X", " ", null, null, "draft", null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("content");
    }

    @Test
    void approvedParagraphNeedsTheStartOfItsApproval() {
        assertThatThrownBy(() -> AzureIndexDocument.of("kb-x", 0, "X", "Text.", null, null,
                AzureIndexDocument.STATUS_APPROVED, null, null, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("approvedAt");
    }

    @Test
    void everyParagraphOfTheCorpusIsMappedDraftsIncluded() {
        Instant from = Instant.parse("2026-01-01T00:00:00Z");
        Instant until = Instant.parse("2026-12-31T00:00:00Z");
        Corpus corpus = Corpus.of(List.of(
                new CorpusDocument("returns-policy", "Returns", "shipping-returns", List.of("everyone"),
                        List.of("Free returns for 60 days.", "Refunds within 5 days."),
                        new Approval(ApprovalStatus.APPROVED, "legal", from, until), "corpus/returns-policy.json"),
                new CorpusDocument("winter-sale", "Winter sale", "offers", List.of("gold", "lapsed"),
                        List.of("Up to 30% off."), new Approval(ApprovalStatus.DRAFT, null, null, until),
                        "corpus/winter-sale.json")));

        assertThat(AzureIndexDocument.allOf(corpus)).containsExactly(
                new AzureIndexDocument("returns-policy-p0", "returns-policy", 0, "Returns",
                        "Free returns for 60 days.", "shipping-returns", List.of("everyone"), "approved", from, until,
                        "corpus/returns-policy.json"),
                new AzureIndexDocument("returns-policy-p1", "returns-policy", 1, "Returns", "Refunds within 5 days.",
                        "shipping-returns", List.of("everyone"), "approved", from, until,
                        "corpus/returns-policy.json"),
                new AzureIndexDocument("winter-sale-p0", "winter-sale", 0, "Winter sale", "Up to 30% off.", "offers",
                        List.of("gold", "lapsed"), "draft", null, until, "corpus/winter-sale.json"));
    }
}
