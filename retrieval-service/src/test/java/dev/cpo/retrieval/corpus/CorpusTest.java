package dev.cpo.retrieval.corpus;

import static dev.cpo.retrieval.corpus.CorpusFixtures.NOW;
import static dev.cpo.retrieval.corpus.CorpusFixtures.approval;
import static dev.cpo.retrieval.corpus.CorpusFixtures.approved;
import static dev.cpo.retrieval.corpus.CorpusFixtures.document;
import static dev.cpo.retrieval.corpus.CorpusFixtures.draft;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CorpusTest {

    private static final List<String> EVERYONE = List.of("everyone");
    private static final Instant DAY_AFTER = NOW.plus(Duration.ofDays(1));

    private final CorpusDocument live = approved("live", EVERYONE, "Live one.", "Live two.");
    private final CorpusDocument expiring = document("expiring", EVERYONE, approval(NOW.minusSeconds(60), DAY_AFTER),
            "Expiring one.", "Expiring two.");
    private final CorpusDocument expired = document("expired", EVERYONE, approval(NOW.minusSeconds(600),
            NOW.minusSeconds(60)), "Expired one.", "Expired two.");
    private final CorpusDocument scheduled = document("scheduled", EVERYONE, approval(DAY_AFTER,
            DAY_AFTER.plus(Duration.ofDays(30))), "Scheduled one.", "Scheduled two.");
    private final CorpusDocument drafted = document("drafted", EVERYONE, draft(DAY_AFTER), "Draft one.",
            "Draft two.");
    private final Corpus corpus = Corpus.of(List.of(live, expiring, expired, scheduled, drafted));

    @Test
    void onlyApprovedDocumentsInsideTheirWindowAreServable() {
        assertThat(corpus.servableAt(NOW)).containsExactly(live, expiring);
        assertThat(corpus.servableAt(DAY_AFTER)).containsExactly(live, scheduled);
        assertThat(corpus.documents()).hasSize(5);
    }

    @Test
    void expiryIsExclusiveAndApprovalInclusive() {
        assertThat(expiring.approval().servableAt(DAY_AFTER.minusNanos(1))).isTrue();
        assertThat(expiring.approval().servableAt(DAY_AFTER)).isFalse();
        assertThat(scheduled.approval().servableAt(DAY_AFTER)).isTrue();
        assertThat(scheduled.approval().servableAt(DAY_AFTER.minusNanos(1))).isFalse();
    }

    @Test
    void versionChangesWhenADocumentChanges() {
        CorpusDocument edited = approved("live", EVERYONE, "Live one, edited.", "Live two.");
        CorpusDocument retagged = approved("live", List.of("everyone", "new"), "Live one.", "Live two.");
        CorpusDocument reapproved = document("live", EVERYONE, approval(NOW.minusSeconds(1), DAY_AFTER),
                "Live one.", "Live two.");

        String version = Corpus.of(List.of(live)).version();

        assertThat(version).matches("[0-9a-f]{16}");
        assertThat(Corpus.of(List.of(live)).version()).isEqualTo(version);
        assertThat(Corpus.of(List.of(edited)).version()).isNotEqualTo(version);
        assertThat(Corpus.of(List.of(retagged)).version()).isNotEqualTo(version);
        assertThat(Corpus.of(List.of(reapproved)).version()).isNotEqualTo(version);
        assertThat(Corpus.of(List.of(live, drafted)).version()).isNotEqualTo(version);
    }

    @Test
    void versionIgnoresJsonFormattingAndDocumentOrder() {
        String compact = CorpusFixtures.validJson().replaceAll("\\n\\s*", "");
        CorpusDocument pretty = CorpusLoader.parseDocument("corpus/winter-boots.json",
                CorpusFixtures.validJson().getBytes(StandardCharsets.UTF_8));
        CorpusDocument dense = CorpusLoader.parseDocument("corpus/winter-boots.json",
                compact.getBytes(StandardCharsets.UTF_8));

        assertThat(Corpus.of(List.of(pretty)).version()).isEqualTo(Corpus.of(List.of(dense)).version());
        assertThat(Corpus.of(List.of(live, expiring)).version())
                .isEqualTo(Corpus.of(List.of(expiring, live)).version());
    }

    @Test
    void servableVersionChangesWhenADocumentExpiresOrStarts() {
        String now = corpus.versionAt(NOW);

        assertThat(corpus.versionAt(NOW.plusSeconds(3600))).isEqualTo(now);
        assertThat(corpus.versionAt(DAY_AFTER)).isNotEqualTo(now);
        assertThat(corpus.versionAt(NOW)).isEqualTo(Corpus.of(List.of(live, expiring)).version());
        assertThat(corpus.nextChangeAfter(NOW)).contains(DAY_AFTER);
        assertThat(corpus.nextChangeAfter(Instant.parse("2099-01-01T00:00:00Z"))).isEmpty();
    }

    @Test
    void draftsDoNotAffectTheServableVersion() {
        CorpusDocument redrafted = document("drafted", EVERYONE, draft(DAY_AFTER), "Draft one, rewritten.",
                "Draft two.");

        assertThat(Corpus.of(List.of(live, redrafted)).versionAt(NOW))
                .isEqualTo(Corpus.of(List.of(live, drafted)).versionAt(NOW));
    }

    @Test
    void duplicateIdsAreRejected() {
        assertThatThrownBy(() -> Corpus.of(List.of(live, live))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("duplicate document id: live");
    }

    @Test
    void wordsAreRunsOfNonWhitespace() {
        assertThat(CorpusVocabulary.words("")).isZero();
        assertThat(CorpusVocabulary.words("  one\ttwo\n three  ")).isEqualTo(3);
        assertThat(CorpusVocabulary.words("£10 off, 20% — now!")).isEqualTo(5);
    }
}
